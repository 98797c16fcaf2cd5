import sqlite3

from flask import request

db = sqlite3.connect("store.db")


def product():
    cur = db.cursor()
    cur.execute("SELECT * FROM products WHERE id = {0} AND price > {1}".format(request.args["id"], request.args["min"]))
    return cur.fetchone()


def discounted():
    sql = "SELECT * FROM products WHERE discount = %s AND name LIKE 'x%%'" % request.args["discount"]
    return db.execute(sql).fetchall()


def by_name():
    sql = f"SELECT * FROM products WHERE name = '{request.args['name']}'"
    return db.execute(sql).fetchall()
