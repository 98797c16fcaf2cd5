import functools
from functools import lru_cache

from cachetools import TTLCache, cached
from flask import Flask, request

app = Flask(__name__)

_user_cache = {}  # expect: unbounded-cache@warning


def get_user(user_id):
    if user_id in _user_cache:
        return _user_cache[user_id]
    user = load_user(user_id)
    _user_cache[user_id] = user
    return user


@lru_cache(maxsize=None)  # expect: unbounded-cache
def render_report(report_id):
    return build_report(report_id)


@app.route("/reports")
def report():
    return render_report(request.args["id"])


class PriceService:
    @functools.cache  # expect: unbounded-cache
    def price(self, sku):
        return load_price(sku)


# Look-alikes: bounded caches.
ttl = TTLCache(maxsize=1000, ttl=300)


@cached(ttl)
def get_product(product_id):
    return load_product(product_id)


@lru_cache(maxsize=256)
def get_category(category_id):
    return load_category(category_id)


@functools.cache
def settings():
    return load_settings()


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


_recent = []


def remember(item):
    _recent.append(item)
    if len(_recent) > 100:
        _recent.pop(0)


_plugins = {}


def register_plugin(name, plugin):
    _plugins[name] = plugin
