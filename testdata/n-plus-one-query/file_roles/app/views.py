from django.http import JsonResponse


def customers_of(request, ids):
    customers = []
    for customer_id in ids:
        customers.append(Customer.objects.get(pk=customer_id))  # expect: n-plus-one-query
    return JsonResponse({"customers": len(customers)})
