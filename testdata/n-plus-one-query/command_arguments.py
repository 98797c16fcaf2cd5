# A management command walking the values typed on its command line (the usernames or
# slugs given by whoever runs it): a handful, typed by hand. A command walking the rows of
# a table is reported.
from django.core.management.base import BaseCommand

from .models import Alert, Profile, Project


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--users", nargs="+", type=str)
        parser.add_argument("slugs", nargs="+")

    def handle(self, *args, **options):
        users = options["users"]
        if users:
            for name in users:
                profile = Profile.objects.get(username=name)
                Alert.objects.filter(profile_id=profile.id).delete()
        for slug in options.get("slugs", []):
            Project.objects.get(slug=slug)
        for profile in Profile.objects.filter(active=True):
            Alert.objects.filter(profile_id=profile.id).delete()  # expect: n-plus-one-query
