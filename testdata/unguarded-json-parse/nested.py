# Calls nested in other expressions: the walk must reach each of them.
import json


def on_order(ch, method, properties, body):
    handle_order(json.loads(body))  # expect: unguarded-json-parse
    orders = [json.loads(body)]  # expect: unguarded-json-parse
    pair = (1, json.loads(body))  # expect: unguarded-json-parse
    index = {"order": json.loads(body)}  # expect: unguarded-json-parse
    seen = {json.loads(body)["id"]}  # expect: unguarded-json-parse
    first = (json.loads(body))  # expect: unguarded-json-parse
    copies = [json.loads(body) for _ in range(2)]  # expect: unguarded-json-parse
    log(f"order {json.loads(body)['id']}")  # expect: unguarded-json-parse
    label = t"order {json.loads(body)}"  # expect: unguarded-json-parse
    kind = json.loads(body) if body else None  # expect: unguarded-json-parse
    send(payload=json.loads(body))  # expect: unguarded-json-parse
    items[json.loads(body)["slot"]] = 1  # expect: unguarded-json-parse
    ch.basic_ack(delivery_tag=method.delivery_tag)
