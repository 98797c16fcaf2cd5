import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/items")
def items():
    db = sqlite3.connect("app.db")
    kind = request.args["kind"]
    rows = db.execute(f"SELECT * FROM items WHERE owner = ? AND kind = {kind}", (request.args["owner"],)).fetchall()
    return {"items": rows}
