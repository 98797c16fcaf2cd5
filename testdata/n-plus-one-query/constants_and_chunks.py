# Loops whose length the code fixes or that already work in chunks: a tuple of models
# written in the code, a constant imported from another module of the project, the keyword
# arguments of a call, a while loop that deletes a chunk of rows per turn, one statement
# per table of the schema, one query per week of a report. Their queries are not
# reported; the same queries over stored rows are.
from sqlalchemy import insert
from sqlalchemy.schema import DropTable
from tqdm import tqdm

from .constants import DEFAULT_ROLES
from .defaults import default_plans
from .models import AuditEntry, Invite, Plan, Role, Team, User
from .services import active_plans

SNAPSHOT_MODELS: tuple[type, ...] = (User, Team, Invite)


def snapshot(session, select):
    return {model: session.execute(select(model)).scalars().all() for model in SNAPSHOT_MODELS}


def sync_roles():
    for name, permissions in tqdm(DEFAULT_ROLES.items(), desc="Syncing roles"):
        Role.objects.update_or_create(name=name, defaults={"permissions": permissions})
    for plan in default_plans:
        Plan.objects.get_or_create(code=plan["code"])


def sync_plans():
    for plan in active_plans:
        Plan.objects.get_or_create(code=plan.code)  # expect: n-plus-one-query


def resolve_relations(model, **kwargs):
    for field, value in kwargs.items():
        kwargs[field] = model.objects.get(id=value)
    return kwargs


def resolve_ids(model, values):
    for field, value in values.items():
        values[field] = model.objects.get(id=value)  # expect: n-plus-one-query
    return values


def delete_space_rows(space):
    while AuditEntry.objects.filter(space=space).count() > 0:
        pks = AuditEntry.objects.filter(space=space).values_list("pk")[:200]
        AuditEntry.objects.filter(pk__in=pks).delete()


def delete_space_rows_one_by_one(space):
    while AuditEntry.objects.filter(space=space).exists():  # expect: n-plus-one-query
        entry = AuditEntry.objects.filter(space=space)[:1].get()  # expect: n-plus-one-query
        entry.delete()


def drop_all(connection, metadata):
    for table in metadata.sorted_tables:
        connection.execute(DropTable(table))
    for table_name, rows in metadata.dump.items():
        table = metadata.tables[table_name]
        connection.execute(table.delete())
        connection.execute(insert(table), rows)


def delete_users(connection, users):
    for user in users:
        connection.execute(User.__table__.delete().where(User.id == user.id))  # expect: n-plus-one-query


def weekly_counts(weeks):
    counts = {}
    for week_start in weeks:
        counts[week_start] = AuditEntry.objects.filter(week=week_start).count()
    return counts


def user_counts(users):
    counts = {}
    for user in users:
        counts[user.id] = AuditEntry.objects.filter(user=user).count()  # expect: n-plus-one-query
    return counts
