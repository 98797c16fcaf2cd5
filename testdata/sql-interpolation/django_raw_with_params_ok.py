"""Raw SQL in Django written with parameters and constants only."""
import logging

from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import JsonResponse

from .models import Order, Product

logger = logging.getLogger(__name__)

ORDER_TABLE = "shop_order"
ORDER_COLUMNS = "id, customer_id, total, status"


def order_list(request):
    status = request.GET.get("status", "paid")
    orders = Order.objects.raw(f"SELECT {ORDER_COLUMNS} FROM {ORDER_TABLE} WHERE status = %s", [status])
    return JsonResponse({"orders": [o.pk for o in orders]})


def order_detail(request, order_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ORDER_COLUMNS + " FROM shop_order WHERE id = %s", [order_id])
        row = cursor.fetchone()
    logger.info(f"SELECT on {ORDER_TABLE} for order {order_id}")
    return JsonResponse({"order": row})


def orders_by_ids(request):
    ids = [int(i) for i in request.GET.getlist("id")]
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {ORDER_COLUMNS} FROM {ORDER_TABLE} WHERE id IN ({placeholders})", ids)
        rows = cursor.fetchall()
    return JsonResponse({"orders": rows})


def product_search(request):
    term = request.GET.get("q", "")
    products = Product.objects.filter(active=True).extra(
        where=["name ILIKE %s"],
        params=[f"%{term}%"],
    )
    return JsonResponse({"products": list(products.values("id", "name"))})


def products_with_score(request):
    boost = float(request.GET.get("boost", "1.0"))
    products = Product.objects.annotate(score=RawSQL("popularity * %s", (boost,)))
    return JsonResponse({"products": list(products.values("id", "score"))})


def update_note(request, order_id):
    note = request.POST.get("note", "")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE shop_order SET note = %(note)s WHERE id = %(id)s",
            {"note": note, "id": order_id},
        )
    return JsonResponse({"ok": True})


def stale_orders():
    query = "SELECT id FROM shop_order WHERE status = 'pending' AND created_at < now() - interval '7 days'"
    with connection.cursor() as cursor:
        cursor.execute(query)
        return [row[0] for row in cursor.fetchall()]
