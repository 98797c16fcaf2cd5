from django.core.management.base import BaseCommand
from pymongo import MongoClient


class Command(BaseCommand):
    def handle(self, *args, **options):
        client = MongoClient("mongodb://off:dump-pass@localhost:27017/")
        return client.admin.name
