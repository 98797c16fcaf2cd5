import os


def relay_host():
    host = os.getenv("RELAY_HOST")
    if not host:
        return None
    return host


def relay_token():
    token = os.getenv("RELAY_TOKEN")  # expect: env-var-undeclared
    if not token:
        raise RuntimeError("RELAY_TOKEN is required")
    return token
