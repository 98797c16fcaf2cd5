import collections
import time
from collections import Counter, OrderedDict

from flask import request

_last_seen = {}  # expect: unbounded-cache


def heartbeat():
    _last_seen[request.json["device_id"]] = time.time()


hits = Counter()  # expect: unbounded-cache


def count_hit():
    hits[request.args["page"]] += 1
    return str(hits.most_common(10))


recent_queries = OrderedDict()  # expect: unbounded-cache


def search():
    recent_queries[request.args["q"]] = time.monotonic()


# Look-alikes: a sweep deletes expired entries; a counter trimmed back to its top entries;
# a counter of a fixed vocabulary reset after use.
_devices = {}
TTL = 60


def ping():
    _devices[request.json["device_id"]] = time.time()


def sweep():
    now = time.time()
    for key, seen_at in list(_devices.items()):
        if now - seen_at > TTL:
            del _devices[key]


top_paths = collections.Counter()


def track_path():
    global top_paths
    top_paths[request.args["path"]] += 1
    if len(top_paths) > 10_000:
        top_paths = Counter(dict(top_paths.most_common(1000)))
