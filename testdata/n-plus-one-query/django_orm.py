from django.http import JsonResponse
from django.shortcuts import get_object_or_404


def order_list(request):
    data = []
    for order in Order.objects.filter(status="open"):
        data.append({
            "customer": order.customer.name,  # expect: n-plus-one-query@warning
            "items": order.items.count(),  # expect: n-plus-one-query
            "created": order.created_at.isoformat(),
        })
    return JsonResponse({"orders": data})


def order_list_ok(request):
    orders = Order.objects.filter(status="open").select_related("customer").prefetch_related("items")
    data = []
    for order in orders:
        data.append({"customer": order.customer.name, "items": order.items.count()})
    return JsonResponse({"orders": data})


def customers_of(request, ids):
    customers = []
    for customer_id in ids:
        customers.append(Customer.objects.get(pk=customer_id))  # expect: n-plus-one-query
    names = [get_object_or_404(Customer, pk=i).name for i in ids]  # expect: n-plus-one-query
    emails = [o.customer.email for o in Order.objects.all()]  # expect: n-plus-one-query
    return JsonResponse({"customers": len(customers), "names": names, "emails": emails})


def customers_batched(request, ids):
    customers = Customer.objects.filter(pk__in=ids)
    by_id = {c.pk: c for c in customers}
    total = 0
    for c in customers:
        total += c.balance
    return JsonResponse({"total": total, "count": len(by_id)})
