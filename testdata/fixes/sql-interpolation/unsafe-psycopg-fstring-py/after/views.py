import psycopg2
from flask import Flask, jsonify, request

app = Flask(__name__)
conn = psycopg2.connect("")


@app.route("/customers/search")
def search_customers():
    term = request.args.get("q", "")
    cursor = conn.cursor()
    cursor.execute("SELECT id, name FROM customers WHERE name = %s AND note LIKE 'vip%%'", (term,))
    return jsonify(cursor.fetchall())
