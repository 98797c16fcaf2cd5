def open_order_customers():
    orders: "QuerySet[Order]" = (
        Order.objects
        .filter(status="open")
    )
    names = []
    for o in orders: names.append(o.customer.name)  # expect: n-plus-one-query
    return names
