from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"


# Only `python app.py` (the development stack) runs this; the production deployment
# starts gunicorn, which imports the module and never runs it.
if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)
