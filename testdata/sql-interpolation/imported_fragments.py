from flask import Flask, jsonify, request

from .db import get_cursor
from .filters import build_where
from . import clauses

app = Flask(__name__)


@app.route("/orders")
def list_orders():
    # A clause another module builds from the request.
    where = build_where(request.args)
    cursor = get_cursor()
    cursor.execute(f"SELECT * FROM orders WHERE tenant_id = 7 {where} LIMIT 50")
    return jsonify(cursor.fetchall())


@app.route("/sessions")
def list_sessions():
    condition = clauses.session_condition(request.args) or "TRUE"
    cursor = get_cursor()
    cursor.execute(f"SELECT * FROM sessions WHERE {condition} ORDER BY started_at")
    return jsonify(cursor.fetchall())


@app.route("/customers")
def find_customer():
    # The same helper's text where SQL takes a value: reported.
    email = build_where(request.args)
    cursor = get_cursor()
    cursor.execute(f"SELECT * FROM customers WHERE email = '{email}'")  # expect: sql-interpolation
    return jsonify(cursor.fetchall())


@app.route("/refunds")
def list_refunds():
    # A clause written here from request input: reported.
    where = f"AND status = '{request.args['status']}'"
    cursor = get_cursor()
    cursor.execute(f"SELECT * FROM refunds WHERE tenant_id = 7 {where}")  # expect: sql-interpolation
    return jsonify(cursor.fetchall())
