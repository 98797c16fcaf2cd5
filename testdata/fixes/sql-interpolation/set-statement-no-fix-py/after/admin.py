import psycopg2
from flask import request

conn = psycopg2.connect("dbname=app")


def create_tenant():
    cur = conn.cursor()
    cur.execute(f'CREATE DATABASE "{request.args["tenant"]}"')


def lower_timeout():
    cur = conn.cursor()
    cur.execute("SET statement_timeout = %s" % request.args["ms"])


def recent():
    cur = conn.cursor()
    cur.execute("SELECT * FROM events WHERE at > now() - interval '%s'" % request.args["age"])
    return cur.fetchall()
