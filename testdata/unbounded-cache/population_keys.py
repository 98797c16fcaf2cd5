# Keys that name members of a growing population, also through a local tuple: reported.
import asyncio

_USER_EMAIL_CACHE = {}  # expect: unbounded-cache


def get_user_email(client, user_name):
    cache_key = (client.url, user_name)
    if _USER_EMAIL_CACHE.get(cache_key) is None:
        _USER_EMAIL_CACHE[cache_key] = client.get_user(user_name)["email"]
    return _USER_EMAIL_CACHE[cache_key]


_USER_REFRESH_LOCKS = {}  # expect: unbounded-cache


def refresh_lock(user_id):
    if user_id not in _USER_REFRESH_LOCKS:
        _USER_REFRESH_LOCKS[user_id] = asyncio.Lock()
    return _USER_REFRESH_LOCKS[user_id]
