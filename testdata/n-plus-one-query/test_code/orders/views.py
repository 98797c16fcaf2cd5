from django.http import JsonResponse

from .models import Customer


def customers_of(request):
    ids = request.GET.getlist("id")
    # expect: n-plus-one-query
    names = [Customer.objects.get(pk=i).name for i in ids]
    return JsonResponse({"names": names})
