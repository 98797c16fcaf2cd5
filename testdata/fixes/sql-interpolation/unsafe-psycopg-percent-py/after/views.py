import psycopg2
from flask import request

conn = psycopg2.connect("dbname=app")


def find_user():
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE id = %s", (request.args["id"],))
    return cur.fetchone()


def find_orders():
    cur = conn.cursor()
    cur.execute("SELECT * FROM orders WHERE user_id = %s AND status = %s AND note LIKE 'a%%'", (request.args["id"], request.args["status"]))
    return cur.fetchall()


def find_items():
    cur = conn.cursor()
    query = "SELECT * FROM items WHERE owner = %s AND kind = %s"
    cur.execute(query, (request.args["owner"], request.args["kind"]))
    return cur.fetchall()
