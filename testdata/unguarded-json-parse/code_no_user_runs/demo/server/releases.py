# A demo server: quiet.
import json

import requests

RELEASES = "https://downloads.example.org/releases/latest.json"


def latest_release():
    reply = requests.get(RELEASES, timeout=10)
    return json.loads(reply.text)
