# A Python file beside a front end's package.json is not the front end: still checked.
import json

from flask import Flask, request

app = Flask(__name__)


@app.post("/preview")
def preview():
    note = json.loads(request.data)  # expect: unguarded-json-parse
    return {"title": note.get("title")}
