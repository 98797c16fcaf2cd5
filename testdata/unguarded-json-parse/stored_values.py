# A value the application stored in its own Redis or cache, looked up under a key the
# request names: quiet. The request's own text parsed the same way: reported.
import json

from flask import Flask, request

from app.storage import REDIS_CONN, state_key

app = Flask(__name__)


@app.route("/oauth/callback")
def oauth_callback():
    saved = REDIS_CONN.get(state_key(request.args.get("state")))
    if not saved:
        return {"error": "expired"}, 400
    state = json.loads(saved)
    return {"redirect": state.get("redirect_uri")}


@app.route("/oauth/start")
def oauth_start():
    options = json.loads(request.args.get("options", "{}"))  # expect: unguarded-json-parse
    return {"options": options}
