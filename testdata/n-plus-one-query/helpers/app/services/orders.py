from app.models import Order


def find_order(order_id):
    return Order.objects.get(id=order_id)


def order_label(order):
    return f"#{order['order_id']}"


def find_orders(ids):
    return list(Order.objects.filter(id__in=ids))


class OrderService:
    def get(self, order_id):
        return Order.objects.get(id=order_id)

    def get_many(self, ids):
        return [self.get(i) for i in ids]  # expect: n-plus-one-query

    def post(self, request):
        return self.get_many(request.POST.getlist("ids"))

    def labels(self, ids):
        return [self.label(i) for i in ids]

    def label(self, order_id):
        return f"order {order_id}"


def nightly_labels(order_ids):
    # No request reaches this job: the loop of helper calls is left alone.
    for order_id in order_ids:
        find_order(order_id)
