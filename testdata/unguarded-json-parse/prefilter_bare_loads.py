# `loads` imported from json and called bare: no `json.load` in the text.
from json import loads


def on_order(ch, method, properties, body):
    order = loads(body)  # expect: unguarded-json-parse
    handle_order(order)
