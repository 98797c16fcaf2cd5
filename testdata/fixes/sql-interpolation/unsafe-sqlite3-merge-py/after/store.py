import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/items")
def items():
    db = sqlite3.connect("app.db")
    kind = request.args["kind"]
    rows = db.execute("SELECT * FROM items WHERE owner = ? AND kind = ?", (request.args["owner"], kind)).fetchall()
    return {"items": rows}
