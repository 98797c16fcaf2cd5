import json

import requests


# A helper reading the file it is given: whose file it is is decided elsewhere (a shipped
# template, the operator's config), so nothing shows it comes from outside.
def load_given(path):
    with open(path) as fh:
        return json.loads(fh.read())


class Importer:
    def parse_file(self, file):
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
