"""Queries in a loop that do not run once per row: on the error path, just before the loop
is left, for the one item equal to a constant, over configuration, or per window of ids."""

from django.conf import settings

from .models import AuditLog, Bundle, Group, Notice, Permission, Role, Server, Task


def send_files(step, files, tracker):
    out = {}
    for field, name in files.items():
        try:
            out[field] = step.stored[name]
        except KeyError:
            AuditLog.objects.create(tracker=tracker, message=f"{name} missing")
    return out


def run_steps(steps, integration):
    for step in steps:
        response = step.call()
        if not response.ok:
            Notice.objects.create(kind="blocked", text=integration.name, detail=step.id)
            return False
    return True


def first_overdue(tasks):
    for task in tasks:
        if task.overdue:
            Task.objects.filter(id=task.id).update(flagged=True)
            break


def search_from_request(request, form, query):
    values = {}
    for param in form.params:
        value = query.get(param)
        if param == "bundle":
            values[param] = Bundle.objects.filter(owner=request.user, pk=value).first()
        else:
            values[param] = value
    return values


def grant_default_roles(user, provider):
    role_map = settings.SSO_CONFIG.role_map.get(provider, [])
    for entry in role_map:
        server = Server.objects.get(host=entry["host"], port=entry["port"])
        Role.objects.get_or_create(user=user, server=server, name=entry["role"])


def init_permissions():
    permissions = [
        {"codename": "moderate", "groups": ["admin", "moderator"]},
        {"codename": "edit", "groups": ["admin", "editor"]},
    ]
    for permission in permissions:
        obj, _ = Permission.objects.get_or_create(codename=permission["codename"])
        for group_name in permission["groups"]:
            Group.objects.get(name=group_name).permissions.add(obj)


def fill_in_windows(session, total):
    for window in range(1, total // 1000 + 2):
        for log in session.query(AuditLog).filter(AuditLog.id <= window * 1000):
            log.seen = True
        session.commit()


def pick_tags(queryset, names):
    picked = queryset.filter(name__in=names)
    for name in names:
        picked |= Task.objects.filter(tag=name)
    return picked


def prune_slowly(checks):
    for check in Task.objects.filter(pings__gt=100):
        if not Task.objects.filter(id=check.id).exists():
            continue
        check.prune()


def reset_sequences(db, tables):
    for table_name in tables:
        query = "SELECT setval(pg_get_serial_sequence('{t}', 'id'), max(id)) FROM \"{t}\"".format(t=table_name)
        db.engine.execute(query)


# Still one query per row.
def sync_members(members, team):
    for member in members:
        try:
            Role.objects.create(user=member, team=team)  # expect: n-plus-one-query
        except ValueError:
            pass


def notify_all(steps, integration):
    for step in steps:
        Notice.objects.create(kind="done", text=integration.name, detail=step.id)  # expect: n-plus-one-query
        if step.last:
            return


def bundles_for(request, params):
    found = []
    for param in params:
        if param.kind == "bundle":
            found.append(Bundle.objects.filter(owner=request.user, pk=param.value).first())  # expect: n-plus-one-query
    return found


def roles_for(user, entries):
    for entry in entries:
        Role.objects.get_or_create(user=user, name=entry["role"])  # expect: n-plus-one-query


def tasks_by_owner(owner_ids):
    for owner_id in owner_ids:
        for task in Task.objects.filter(owner_id=owner_id, rank__lte=owner_id * 10):  # expect: n-plus-one-query
            task.touch()


def group_counts(groups):
    for group in Group.objects.all():
        print(Task.objects.filter(group_id=group.id).count())  # expect: n-plus-one-query


def count_rows(db, tables):
    for table_name in tables:
        query = "SELECT count(*) FROM events WHERE kind = '{k}'".format(k=table_name)
        db.engine.execute(query)  # expect: n-plus-one-query, sql-interpolation
