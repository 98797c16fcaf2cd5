import json
import sys
from flask import request
from kafka import KafkaConsumer


def read_jsonl(path):
    with open(request.args["path"]) as fh:
        return [json.loads(line) for line in fh]  # expect: unguarded-json-parse


def read_loop(path):
    out = []
    with open(request.args["path"], encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))  # expect: unguarded-json-parse
    return out


def first(path):
    with open(request.args["path"]) as fh:
        return json.loads(fh.readline())  # expect: unguarded-json-parse


def direct(p):
    for line in open(request.args["p"]):
        yield json.loads(line)  # expect: unguarded-json-parse


def numbered(p):
    with open(request.args["p"]) as fh:
        for i, line in enumerate(fh):
            print(i, json.loads(line))  # expect: unguarded-json-parse


def stdin():
    return [json.loads(l) for l in sys.stdin]  # expect: unguarded-json-parse


consumer = KafkaConsumer("orders", value_deserializer=lambda m: json.loads(m.decode("utf-8")))  # expect: unguarded-json-parse


def decode(m):
    return json.loads(m)  # expect: unguarded-json-parse


other = KafkaConsumer("events", value_deserializer=decode)


# A file the operator names on the command line is the operator's own: quiet.
with open(sys.argv[1]) as fh:
    rows = [json.loads(line) for line in fh]

