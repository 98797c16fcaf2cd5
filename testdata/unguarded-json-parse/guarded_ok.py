import json
import logging

logger = logging.getLogger(__name__)

DEFAULTS = json.loads('{"retries": 3}')


def on_order(ch, method, properties, body):
    try:
        order = json.loads(body)
    except json.JSONDecodeError:
        logger.warning("bad message")
        ch.basic_nack(delivery_tag=method.delivery_tag, requeue=False)
        return
    handle_order(order)


def round_trip(value):
    text = json.dumps(value)
    return json.loads(text)


def parse(text):
    return json.loads(text)
