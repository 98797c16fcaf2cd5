# SQL built in one function of the module and run in another.
import sqlite3

from flask import Flask, request

app = Flask(__name__)
conn = sqlite3.connect("app.db")


def run_lookup(sql):
    return conn.execute(sql).fetchall()


def build_lookup(name):
    return f"SELECT id, email FROM users WHERE name = '{name}'"


def build_range(start, end):
    return "SELECT * FROM events WHERE day BETWEEN '%s' AND '%s'" % (start, end)


def build_by_id():
    return "SELECT * FROM users WHERE id = ?"


@app.route("/users/<user_id>")
def user(user_id):
    # expect: sql-interpolation
    return {"rows": run_lookup(f"SELECT * FROM users WHERE id = {request.args['id']}")}


@app.route("/users")
def users():
    sql = build_lookup(request.args["name"])
    # expect: sql-interpolation
    return {"rows": conn.execute(sql).fetchall()}


@app.route("/events")
def events():
    # expect: sql-interpolation
    return {"rows": conn.execute(build_range(request.args["from"], end=request.args["to"])).fetchall()}


# Quiet: constant SQL through the runner, constants given to the builder, placeholders.
@app.route("/count")
def count():
    total = run_lookup("SELECT count(*) FROM users")
    admins = conn.execute(build_lookup("admin")).fetchall()
    one = conn.execute(build_by_id(), (request.args["id"],)).fetchall()
    return {"total": total, "admins": admins, "one": one}


# Quiet: a function whose parameter is not run as SQL.
def log_line(line):
    print(line)


@app.route("/log")
def log():
    log_line(f"SELECT requested by {request.args['user']}")
    return ""


class UserStore:
    def run(self, sql):
        return conn.execute(sql).fetchall()

    def by_email(self, email):
        # expect: sql-interpolation
        return self.run(f"SELECT * FROM users WHERE email = '{email}'")

    def all(self):
        return self.run("SELECT * FROM users")
