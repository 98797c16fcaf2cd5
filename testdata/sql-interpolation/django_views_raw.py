"""Order views of the shop app: raw SQL through the Django ORM and the DB-API cursor."""
from django.db import connection
from django.http import Http404, JsonResponse
from django.views import View
from django.views.generic import ListView

from .models import Order, Product


def order_list(request):
    status = request.GET.get("status", "paid")
    orders = Order.objects.raw(f"SELECT * FROM shop_order WHERE status = '{status}'")  # expect: sql-interpolation@error
    return JsonResponse({"orders": [o.pk for o in orders]})


def product_search(request):
    category = request.GET["category"]
    products = Product.objects.filter(active=True).extra(where=[f"category_id = {category}"])  # expect: sql-interpolation@error
    return JsonResponse({"products": list(products.values("id", "name"))})


def order_detail(request, order_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, total, status FROM shop_order WHERE id = %s" % order_id)  # expect: sql-interpolation@error
        row = cursor.fetchone()
    if row is None:
        raise Http404("order not found")
    return JsonResponse({"id": row[0], "total": str(row[1]), "status": row[2]})


def update_note(request, order_id):
    note = request.POST.get("note", "")
    sql = "UPDATE shop_order SET note = '{}' WHERE id = {}".format(note, order_id)
    with connection.cursor() as cursor:
        cursor.execute(sql)  # expect: sql-interpolation@error
    return JsonResponse({"ok": True})


class OrderExportView(View):
    def get(self, request, *args, **kwargs):
        since = request.GET.get("since", "1970-01-01")
        orders = Order.objects.raw("SELECT * FROM shop_order WHERE created_at >= '" + since + "'")  # expect: sql-interpolation@error
        return JsonResponse({"orders": [o.pk for o in orders]})


class RecentOrdersView(ListView):
    model = Order

    def get_queryset(self):
        region = self.request.GET.get("region", "eu")
        return Order.objects.all().extra(where=["region = '%s'" % region])  # expect: sql-interpolation@error


# Parameterised forms of the same queries: nothing to report.
def order_list_safe(request):
    status = request.GET.get("status", "paid")
    orders = Order.objects.raw("SELECT * FROM shop_order WHERE status = %s", [status])
    return JsonResponse({"orders": [o.pk for o in orders]})


def product_search_safe(request):
    category = request.GET["category"]
    products = Product.objects.filter(active=True).extra(where=["category_id = %s"], params=[category])
    return JsonResponse({"products": list(products.values("id", "name"))})


def order_detail_safe(request, order_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, total, status FROM shop_order WHERE id = %s", [order_id])
        row = cursor.fetchone()
    if row is None:
        raise Http404("order not found")
    return JsonResponse({"id": row[0], "total": str(row[1]), "status": row[2]})


# Called from a management command: a parameter, not request input.
def orders_for_region(region_code):
    return list(Order.objects.raw("SELECT * FROM shop_order WHERE region = '" + region_code + "'"))  # expect: sql-interpolation@warning


def vacuum_table(table_name):
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {table_name}")
