from traceback import format_exception

from flask import Flask, jsonify

app = Flask(__name__)


@app.errorhandler(Exception)
def handle(exc):
    return jsonify({"trace": format_exception(exc)}), 500  # expect: error-details-leak
