from django.http import JsonResponse
from flask import Flask, jsonify

app = Flask(__name__)


@app.errorhandler(Exception)
def handle_exception(e):
    return jsonify(error=f"{e}"), 500  # expect: error-details-leak


def order_view(request, order_id):
    try:
        order = Order.objects.get(pk=order_id)
    except BaseException as exc:
        return JsonResponse({"error": repr(exc)}, status=500)  # expect: error-details-leak
    return JsonResponse({"id": order.pk})
