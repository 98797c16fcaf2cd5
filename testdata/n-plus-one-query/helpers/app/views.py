import app.services.orders
from app.models import Item
from app.services import orders
from app.services.orders import find_order, order_label

from .services.orders import find_order as fetch_order


def count_items(order_id):
    return Item.objects.filter(order_id=order_id).count()


def order_lines(request):
    lines = request.data["lines"]
    for line in lines:
        line["order"] = find_order(line["order_id"])  # expect: n-plus-one-query
        line["label"] = order_label(line)
        line["again"] = orders.find_order(line["order_id"])  # expect: n-plus-one-query
        line["third"] = fetch_order(line["order_id"])  # expect: n-plus-one-query
        line["fourth"] = app.services.orders.find_order(line["order_id"])  # expect: n-plus-one-query
        line["items"] = count_items(line["order_id"])  # expect: n-plus-one-query
    found = orders.find_orders([line["order_id"] for line in lines])
    return {"lines": lines, "found": found}
