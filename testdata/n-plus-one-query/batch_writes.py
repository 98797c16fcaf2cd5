"""A batch write per group (`executemany`, `bulk_create`) writes the group's rows in one
statement: not one query per row. A single-row write per item is still reported."""
from .models import Line, Order


def save_groups(cursor, groups):
    for group in groups:
        cursor.executemany("INSERT INTO lines (order_id, sku) VALUES (%s, %s)", group.rows)


def copy_lines(orders):
    for order in Order.objects.filter(open=True):
        Line.objects.bulk_create([Line(order=order, sku=sku) for sku in order.skus])


def save_rows(cursor, rows):
    for row in rows:
        cursor.execute("INSERT INTO lines (order_id, sku) VALUES (%s, %s)", row)  # expect: n-plus-one-query


def create_lines(orders):
    for order in Order.objects.filter(open=True):
        Line.objects.create(order=order, sku=order.sku)  # expect: n-plus-one-query
