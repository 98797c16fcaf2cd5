import json


def read_output(path):
    with open(path) as f:
        return json.load(f)
