"""A benchmark measures the code; no request runs it, and its loops are the measurement."""
from app.models import Line, Order


def run():
    for order in Order.objects.all():
        Line.objects.filter(order=order).count()
