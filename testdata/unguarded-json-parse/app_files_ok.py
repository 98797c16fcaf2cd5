import json
import os
from pathlib import Path

import redis
import requests

from django.conf import settings

BASE_DIR = os.path.dirname(os.path.abspath(__file__))


def load_manifest():
    with open(os.path.join(BASE_DIR, "static", "manifest.json")) as fh:
        return json.loads(fh.read())


def load_vendor():
    vendor_path = Path(settings.STATIC_ROOT, "vendor.json")
    with open(vendor_path) as fh:
        return json.load(fh)


def load_plugin_configs(plugins_path):
    for name in os.listdir(settings.PLUGINS_DIR):
        with open(os.path.join(settings.PLUGINS_DIR, name, "config.json")) as fh:
            yield json.load(fh)


class Importer:
    def parse_file(self, file):
        return json.loads(file.read())

    def run(self, files):
        for file in files:
            try:
                self.parse_file(file)
            except Exception:
                continue


def fetch_foods(query):
    response = requests.get("https://api.example.com/foods", params={"q": query})
    if response.status_code != 200:
        return None
    return json.loads(response.content)


def edit_form(request, channel: Channel):
    return json.loads(channel.value)


class EventBus:
    def __init__(self):
        self.client = redis.Redis()

    def publish(self, event):
        self.client.publish("events", json.dumps(event))

    def listen(self):
        pubsub = self.client.pubsub()
        pubsub.subscribe("events")
        for message in pubsub.listen():
            if message["type"] == "message":
                yield json.loads(message["data"])
