# A management command named for a developer's one-off job (filling a database with dummy
# data): not checked.
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, *args, **options):
        for customer in Customer.objects.all():
            Order.objects.create(customer=customer, total=10)
