import json

import requests


def load_given(path):
    with open(path) as fh:
        # expect: unguarded-json-parse
        return json.loads(fh.read())


class Importer:
    def parse_file(self, file):
        # expect: unguarded-json-parse
        return json.loads(file.read())

    def run(self, files):
        for file in files:
            self.parse_file(file)


def fetch_meta():
    hook_response = requests.get("https://example.com/meta.json")
    # expect: unguarded-json-parse
    return json.loads(hook_response.content.decode())


def consume(ch, method, properties, body):
    # expect: unguarded-json-parse
    return json.loads(body)
