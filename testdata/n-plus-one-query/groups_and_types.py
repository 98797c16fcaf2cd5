# One query per type of thing, per group of ids fetched with one IN, or row by row only
# after a batch write failed: each turn reads a whole group, and the types and the
# fallback are bounded by the schema or a rare error. Not reported; the same queries per
# row, an IN written around the row's own id, or a row loop outside the fallback are.
from django.db import IntegrityError, transaction
from sqlalchemy import delete, select

from .models import Edge, Entity, Mapping, Membership, Tag, User


def reset_source(session, source):
    kinds = [t.name for t in session.query(Entity).filter(Entity.source == source).all()]
    for entity_type in kinds:
        session.query(Edge).filter(Edge.node_type == entity_type).delete()


def reset_entities(session, entities):
    for entity in entities:
        session.query(Edge).filter(Edge.node_id == entity.id).delete()  # expect: n-plus-one-query


async def mappings_by_type(session, ids_by_resource):
    found = {}
    for resource, local_ids in ids_by_resource.items():
        for mapping in (await session.execute(select(Mapping).where(Mapping.local_id.in_(local_ids)))).scalars():
            found[(resource, mapping.local_id)] = mapping
    return found


def grant(obj, permissions):
    for action, entry in permissions.items():
        users = list(User.objects.filter(id__in=entry["users"]))
        obj.grant(action, users)


def grant_each(obj, members):
    for member in members:
        users = list(User.objects.filter(id__in=[member.user_id]))  # expect: n-plus-one-query
        obj.grant("view", users)


def save_tags(rows, fields):
    try:
        with transaction.atomic():
            Tag.objects.bulk_update(rows, fields)
    except IntegrityError:
        for row in rows:
            try:
                Tag.objects.filter(pk=row.pk).update(name=row.name)
            except IntegrityError:
                pass


def save_memberships(rows):
    try:
        Membership.objects.filter(active=False).delete()
    except IntegrityError:
        for row in rows:
            Membership.objects.filter(pk=row.pk).update(active=True)  # expect: n-plus-one-query
    for row in rows:
        session_rows = Membership.objects.filter(pk=row.pk).first()  # expect: n-plus-one-query
        del session_rows


def drop_relations(session, edges):
    for edge in edges:
        session.execute(delete(Edge).where(Edge.id == edge.id))  # expect: n-plus-one-query


def restore_fields(table, registry):
    for field in table.fields.all():
        ids_to_check = [field.id] + [f.id for f in registry.related_fields(field)]
        if Edge.objects.filter(node_id__in=ids_to_check).exists():  # expect: n-plus-one-query
            continue
        field.restore()
