# A response body parsed after the status was tested is the API's success answer; the
# same parse with no status test (or a test of another response) is reported.
import json

import requests


def exchange_code(code):
    reply = requests.post("https://auth.example.net/oauth/token", data={"code": code})
    if not reply.ok:
        return None
    return json.loads(reply.text)


def avatar(token):
    first = requests.get("https://auth.example.net/me", params={"token": token})
    second = requests.get("https://cdn.example.net/avatar", params={"token": token})
    if not first.ok:
        return None
    return json.loads(second.text)  # expect: unguarded-json-parse


def unchecked(token):
    reply = requests.get("https://auth.example.net/me", params={"token": token})
    parsed = json.loads(reply.text)  # expect: unguarded-json-parse
    if not reply.ok:
        return None
    return parsed
