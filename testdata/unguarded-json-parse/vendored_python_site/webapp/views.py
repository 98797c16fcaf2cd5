# The app's own handler: reported.
import json

from flask import Flask, request

app = Flask(__name__)


@app.route("/import", methods=["POST"])
def import_items():
    items = json.loads(request.data)  # expect: unguarded-json-parse
    return {"count": len(items)}
