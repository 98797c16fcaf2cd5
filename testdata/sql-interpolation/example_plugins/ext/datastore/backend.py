# The shipped plugin: reported.
from flask import Blueprint, jsonify, request

from .db import get_db

bp = Blueprint("rows", __name__)


@bp.route("/rows/search")
def search_rows():
    term = request.args.get("q", "")
    with get_db().cursor() as cur:
        cur.execute(f"SELECT id, name FROM rows WHERE name ILIKE '%{term}%'")  # expect: sql-interpolation@error
        return jsonify(cur.fetchall())
