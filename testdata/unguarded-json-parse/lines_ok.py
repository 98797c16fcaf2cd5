import json

from kafka import KafkaConsumer, KafkaProducer


def guarded(path):
    try:
        with open(path) as fh:
            return [json.loads(line) for line in fh]
    except json.JSONDecodeError:
        return []


def guarded_loop(path):
    out = []
    with open(path) as fh:
        for line in fh:
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
    return out


def roundtrip(x):
    return json.loads(json.dumps(x))


def literals():
    return [json.loads(s) for s in ['{"a": 1}', "[]"]]


def literal_loop():
    for s in ("{}", "[]"):
        json.loads(s)


def produced(items):
    lines = [json.dumps(i) for i in items]
    return [json.loads(line) for line in lines]


def safe_decode(m):
    try:
        return json.loads(m)
    except ValueError:
        return None


safe = KafkaConsumer("events", value_deserializer=safe_decode)
producer = KafkaProducer(value_serializer=lambda v: json.dumps(v).encode("utf-8"))


def from_caller(lines):
    # Lines handed in by the caller: their origin is not visible here.
    return [json.loads(line) for line in lines]
