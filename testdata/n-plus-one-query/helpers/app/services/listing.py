from app.services.orders import find_order


def order_summaries(ids):
    summaries = []
    for order_id in ids:
        summaries.append(find_order(order_id))  # expect: n-plus-one-query
    return summaries


def print_summaries(ids):
    # Run from a management command only: not reported.
    for order_id in ids:
        print(find_order(order_id))
