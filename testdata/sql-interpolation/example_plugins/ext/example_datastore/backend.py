# An example plugin showing the extension interface: quiet.
from flask import Blueprint, jsonify, request

from .db import get_db

bp = Blueprint("rows", __name__)


@bp.route("/rows/search")
def search_rows():
    term = request.args.get("q", "")
    with get_db().cursor() as cur:
        cur.execute(f"SELECT id, name FROM rows WHERE name ILIKE '%{term}%'")
        return jsonify(cur.fetchall())
