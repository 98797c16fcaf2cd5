# A copy of a third-party package listed in requirements.txt: not the app's code.
import json


def provider_compliance_fix(session):
    def _fix(r):
        token = json.loads(r.text)
        token["token_type"] = "Bearer"
        r._content = json.dumps(token).encode()
        return r

    session.register_compliance_hook("access_token_response", _fix)
    return session


def read_payload(ws):
    message = ws.recv()
    return json.loads(message)
