import sqlite3

from flask import request

db = sqlite3.connect("store.db")


def product():
    cur = db.cursor()
    cur.execute("SELECT * FROM products WHERE id = ? AND price > ?", (request.args["id"], request.args["min"]))
    return cur.fetchone()


def discounted():
    sql = "SELECT * FROM products WHERE discount = ? AND name LIKE 'x%'"
    return db.execute(sql, (request.args["discount"],)).fetchall()


def by_name():
    sql = "SELECT * FROM products WHERE name = ?"
    return db.execute(sql, (request.args['name'],)).fetchall()
