import os

import jwt

LOG_LEVEL = os.getenv("LOG_LEVEL", "info")


def issue(user_id, settings):
    return jwt.encode({"sub": user_id}, os.environ["APP_KEY"], algorithm="HS256")


def check(token, settings):
    return jwt.decode(token, os.getenv("APP_KEY", settings.app_key), algorithms=["HS256"])
