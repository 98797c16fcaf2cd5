import psycopg2
from flask import Flask, jsonify, request

app = Flask(__name__)
conn = psycopg2.connect("")


@app.route("/customers")
def customers():
    cursor = conn.cursor()
    cursor.execute(f"SELECT * FROM customers WHERE name LIKE '%{request.args['q']}%'")
    rows = cursor.fetchall()
    cursor.execute(f"SELECT * FROM {request.args['table']}")
    return jsonify(rows + cursor.fetchall())
