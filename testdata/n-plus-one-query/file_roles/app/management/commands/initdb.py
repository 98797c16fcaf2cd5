# A management command named for a one-off job (setting up a new install): not checked.
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, *args, **options):
        for group in Group.objects.all():
            Permission.objects.get_or_create(group=group, codename="view")
