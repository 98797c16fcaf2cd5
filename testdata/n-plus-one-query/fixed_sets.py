"""Loops whose length the code fixes: seed data the application ships, the site's
administrators, the models and fields of the schema. Their queries are not reported; the
same queries in loops over stored rows or request items are."""
from django.apps import apps

from .models import Label, Notification, Plugin, Project, Setting, Task, User
from .permissions import document_admins
from .plugins import load_plugin_configs
from .seed_files import read_seed_file


def seed_workspace(workspace):
    project_seeds = read_seed_file("projects.json")
    for project_seed in project_seeds:
        project = Project.objects.create(workspace=workspace, **project_seed["fields"])
        for label_name in project_seed["labels"]:
            Label.objects.create(project=project, name=label_name)
    for task_seed in read_seed_file("tasks.json"):
        label_names = task_seed.pop("labels")
        for label_name in label_names:
            Label.objects.get_or_create(workspace=workspace, name=label_name)


def copy_projects(workspace, source):
    for project in Project.objects.filter(workspace=source):
        Project.objects.create(workspace=workspace, name=project.name)  # expect: n-plus-one-query


def import_projects(workspace, payload):
    for entry in payload["projects"]:
        Project.objects.create(workspace=workspace, name=entry["name"])  # expect: n-plus-one-query


def notify_admins(report):
    for admin in User.admins():
        Notification.objects.get_or_create(user=admin, report=report)
    moderators = User.objects.filter(groups__name="moderator")
    for moderator in moderators:
        Notification.objects.create(user=moderator, report=report)


def notify_members(report):
    for member in User.objects.filter(team=report.team):
        Notification.objects.create(user=member, report=report)  # expect: n-plus-one-query


def stored_file_names():
    file_fields = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.get_internal_type() == "FileField":
                file_fields.append((model, field.name))
    names = []
    for model, field_name in file_fields:
        names.extend(model.objects.values_list(field_name, flat=True))
    return names


def duplicate_values(model):
    unique_fields = [f for f in model._meta.get_fields() if getattr(f, "unique", False)]
    for field in unique_fields:
        print(field.name, model.objects.values(field.name).count())


def task_counts(projects):
    counts = {}
    for project in projects:
        counts[project.id] = Task.objects.filter(project=project).count()  # expect: n-plus-one-query
    return counts


def apply_site_settings(site, site_settings):
    for key, value in site_settings.items():
        Setting.objects.update_or_create(site=site, key=key, defaults={"value": value})
    plugin_configs = load_plugin_configs()
    for plugin_config in plugin_configs:
        Plugin.objects.get_or_create(name=plugin_config["name"])


def apply_site_values(site, values):
    for key, value in values.items():
        Setting.objects.update_or_create(site=site, key=key, defaults={"value": value})  # expect: n-plus-one-query


def notify_document_admins(document, request):
    for admin in document_admins(document):
        Notification.objects.create(user=admin, document=document)  # expect: n-plus-one-query
