from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/health")
def health():
    return jsonify(status="ok")


@app.route("/articles/<int:article_id>")
def article(article_id):
    return jsonify(id=article_id)
