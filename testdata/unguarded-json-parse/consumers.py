import json

import pika
from kafka import KafkaConsumer


def on_order(ch, method, properties, body):
    order = json.loads(body)  # expect: unguarded-json-parse
    handle_order(order)
    ch.basic_ack(delivery_tag=method.delivery_tag)


def consume_events():
    consumer = KafkaConsumer("events", bootstrap_servers="kafka:9092")
    for message in consumer:
        event = json.loads(message.value)  # expect: unguarded-json-parse
        process(event)


# The operator's config file, at a path the caller gives: quiet.
def load_config(path):
    with open(path) as f:
        return json.load(f)


async def websocket_endpoint(websocket):
    await websocket.accept()
    while True:
        data = await websocket.receive_text()
        command = json.loads(data)  # expect: unguarded-json-parse
        await dispatch(command)
