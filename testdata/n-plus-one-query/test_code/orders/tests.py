# Django's tests.py: test code. Seeding rows in a loop is what a test does; with
# `test-files: []` in backlint.yaml both loops would be reported.
from django.test import TestCase

from .models import Customer, Order


class CustomerViewTests(TestCase):
    def setUp(self):
        for name in ["ada", "grace", "linus"]:
            Customer.objects.create(name=name)

    def test_names(self):
        ids = [c.pk for c in Customer.objects.all()]
        for customer_id in ids:
            self.assertTrue(Order.objects.filter(customer_id=customer_id).exists() is False)
