# Keys from a set the code or the configuration fixes (a tenant and bot pair, a tenant and
# connector pair, a task name): quiet.
import asyncio

slack_token_bot_ids = {}


def get_bot_id(tenant_id, slack_bot_id, client):
    cache_key = (tenant_id, slack_bot_id)
    bot_id = slack_token_bot_ids.get(cache_key)
    if bot_id is None:
        bot_id = client.auth_test()["bot_id"]
        slack_token_bot_ids[cache_key] = bot_id
    return bot_id


_connector_cache = {}


def connector_info(tenant_id, cc_pair_id):
    cache_key = (tenant_id, cc_pair_id)
    cached = _connector_cache.get(cache_key)
    if cached is None:
        cached = load_connector(cc_pair_id)
        _connector_cache[cache_key] = cached
    return cached


tasks = {}


def create_permanent_task(name, coro):
    if name in tasks:
        tasks[name].cancel()
    tasks[name] = asyncio.create_task(coro)
