# The URL of a JSON API held in a module constant, in a function or in a script's own
# statements: quiet. A file host's URL in a constant: reported.
import json

import requests

STATUS_API = "https://status.example.org/api/v2/summary"
RELEASES = "https://downloads.example.org/releases/latest.json"


def service_status():
    reply = requests.get(STATUS_API, timeout=10)
    return json.loads(reply.text)


def latest_release():
    reply = requests.get(RELEASES, timeout=10)
    return json.loads(reply.text)  # expect: unguarded-json-parse


response = requests.post(STATUS_API, json={"probe": True}, timeout=10)
summary = json.loads(response.text)

resp = requests.get(RELEASES, timeout=10)
release = json.loads(resp.text)  # expect: unguarded-json-parse
print(summary, release)
