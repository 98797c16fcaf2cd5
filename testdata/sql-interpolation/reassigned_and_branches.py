"""Query text grown by reassignment or chosen in branches, and a Flask-RESTful resource."""
from flask_restful import Resource

from .db import get_conn


def fetch_ledger(cursor, account_id):
    sql = "SELECT * FROM ledger WHERE account_id = {account}"
    sql = sql.format(account=account_id)
    cursor.execute(sql)  # expect: sql-interpolation@warning
    return cursor.fetchall()


def search(cursor, name, city=None):
    sql = "SELECT * FROM customers"
    sql = sql + f" WHERE name = '{name}'"
    if city:
        sql = f"{sql} AND city = '{city}'"
    cursor.execute(sql)  # expect: sql-interpolation@warning
    return cursor.fetchall()


def lookup(cursor, key, value):
    if key == "email":
        sql = f"SELECT * FROM users WHERE email = '{value}'"
    else:
        sql = "SELECT * FROM users"
    cursor.execute(sql)  # expect: sql-interpolation@warning
    return cursor.fetchall()


class UserResource(Resource):
    def get(self, user_id):
        cur = get_conn().cursor()
        cur.execute("SELECT id, name FROM users WHERE id = %s" % user_id)  # expect: sql-interpolation@error
        return cur.fetchone()

    def delete(self, user_id):
        cur = get_conn().cursor()
        cur.execute("DELETE FROM users WHERE id = %s", (user_id,))
        return "", 204


class Report:
    def get(self, period):
        cur = get_conn().cursor()
        cur.execute("SELECT * FROM reports WHERE period = '%s'" % period)  # expect: sql-interpolation@warning
        return cur.fetchall()


# Look-alikes: literals and placeholders only.
def list_customers(cursor, city):
    sql = "SELECT * FROM customers"
    sql = sql + " WHERE city = %s"
    sql = f"{sql} ORDER BY name"
    cursor.execute(sql, (city,))
    return cursor.fetchall()


def pick(cursor, active):
    if active:
        sql = "SELECT * FROM users WHERE active"
    else:
        sql = "SELECT * FROM users"
    cursor.execute(sql)
    return cursor.fetchall()
