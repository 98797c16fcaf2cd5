import functools
import time

_ENTRIES = {}
_TTL = 60


def cache(func):
    @functools.wraps(func)
    def wrapper(self, key):
        now = time.monotonic()
        hit = _ENTRIES.get((self.name, key))
        if hit and now - hit[0] < _TTL:
            return hit[1]
        value = func(self, key)
        if len(_ENTRIES) > 1000:
            _ENTRIES.clear()
        _ENTRIES[(self.name, key)] = (now, value)
        return value

    return wrapper


class DirectoryLookup:
    def __init__(self, name, client):
        self.name = name
        self.client = client

    @cache
    def find_dn(self, user_id):
        return self.client.search(user_id)
