import psycopg2
from flask import request

conn = psycopg2.connect("dbname=app")


def search():
    cur = conn.cursor()
    cur.execute("SELECT * FROM posts WHERE author = %(author)s" % {"author": request.args["author"]})
    return cur.fetchall()


def sorted_posts():
    cur = conn.cursor()
    cur.execute("SELECT * FROM posts ORDER BY %s" % request.args["sort"])
    return cur.fetchall()


def titled():
    cur = conn.cursor()
    cur.execute("SELECT * FROM posts WHERE title LIKE '%%%s%%'" % request.args["q"])
    return cur.fetchall()
