_wallet_locks = {}  # expect: unbounded-cache


def lock_for(wallet_id: str, language: str):
    key = (wallet_id, language)
    if key not in _wallet_locks:
        _wallet_locks[key] = make_lock()
    return _wallet_locks[key]
