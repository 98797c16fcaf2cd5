"""Customer and invoice endpoints of the billing service (Flask, psycopg2)."""
import logging

from flask import Blueprint, abort, jsonify, request

from .db import get_db

bp = Blueprint("customers", __name__)
log = logging.getLogger(__name__)


@bp.route("/customers/search")
def search_customers():
    term = request.args.get("q", "")
    with get_db().cursor() as cur:
        cur.execute(f"SELECT id, name, email FROM customers WHERE name ILIKE '%{term}%'")  # expect: sql-interpolation@error
        return jsonify(cur.fetchall())


@bp.route("/customers", methods=["POST"])
def create_customer():
    form = request.form
    sql = "INSERT INTO customers (name, email) VALUES ('%s', '%s')" % (form["name"], form["email"])
    with get_db().cursor() as cur:
        cur.execute(sql)  # expect: sql-interpolation@error
    return "", 201


@bp.route("/customers/<int:customer_id>")
def get_customer(customer_id):
    with get_db().cursor() as cur:
        cur.execute("SELECT id, name, email FROM customers WHERE id = {}".format(customer_id))  # expect: sql-interpolation@error
        row = cur.fetchone()
    if row is None:
        abort(404)
    return jsonify(row)


@bp.route("/customers/by-email", methods=["POST"])
def customer_by_email():
    email = request.json["email"]
    with get_db().cursor() as cur:
        cur.execute("SELECT id FROM customers WHERE email = '" + email + "'")  # expect: sql-interpolation@error
        return jsonify(cur.fetchone())


@bp.route("/invoices")
def list_invoices():
    sql = "SELECT id, customer_id, amount FROM invoices WHERE 1 = 1"
    if "status" in request.args:
        sql += f" AND status = '{request.args['status']}'"
    if "customer" in request.args:
        sql += " AND customer_id = %s" % request.args["customer"]
    with get_db().cursor() as cur:
        # expect: sql-interpolation@error
        cur.execute(
            sql
        )
        return jsonify(cur.fetchall())


@bp.route("/invoices/<invoice_id>/status", methods=["PUT"])
def set_invoice_status(invoice_id):
    status = request.form.get("status")
    query = "UPDATE invoices SET status = '{status}' WHERE id = {id}".format(status=status, id=invoice_id)
    with get_db().cursor() as cur:
        cur.execute(query)  # expect: sql-interpolation@error
    return "", 204


# The same endpoints with parameters: the driver keeps the values out of the SQL text.
@bp.route("/customers/<int:customer_id>/invoices")
def customer_invoices(customer_id):
    with get_db().cursor() as cur:
        cur.execute("SELECT id, amount FROM invoices WHERE customer_id = %s ORDER BY id", (customer_id,))
        return jsonify(cur.fetchall())


@bp.route("/customers/lookup")
def lookup_customer():
    email = request.args.get("email", "")
    log.info(f"customer lookup for {email}")
    with get_db().cursor() as cur:
        cur.execute("SELECT id, name FROM customers WHERE email = %(email)s", {"email": email})
        return jsonify(cur.fetchone())


# Helpers used by the nightly jobs: no request in sight, so these are warnings.
def invoice_total(cur, invoice_id):
    cur.execute("SELECT sum(amount) FROM invoice_lines WHERE invoice_id = %s" % invoice_id)  # expect: sql-interpolation@warning
    return cur.fetchone()[0]


def count_report_rows(cur, report_id):
    cur.execute("SELECT view_name FROM reports WHERE id = %s", (report_id,))
    row = cur.fetchone()
    view_name = row[0]
    cur.execute(f"SELECT count(*) FROM {view_name}")
    return cur.fetchone()[0]
