from flask import Blueprint, jsonify, request

from app.services.listing import order_summaries

bp = Blueprint("api", __name__)


# The view only calls into a service module: the loop there is served code.
@bp.route("/summaries")
def summaries():
    ids = request.args.getlist("id")
    return jsonify(order_summaries(ids))
