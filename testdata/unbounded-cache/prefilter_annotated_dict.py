_profiles: dict[str, dict] = {}  # expect: unbounded-cache


def profile(user_id: str) -> dict:
    if user_id not in _profiles:
        _profiles[user_id] = load_profile(user_id)
    return _profiles[user_id]
