# A management command run every night over every row: still checked.
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, *args, **options):
        for order in Order.objects.filter(stale=True):
            Item.objects.filter(order_id=order.id).delete()  # expect: n-plus-one-query
