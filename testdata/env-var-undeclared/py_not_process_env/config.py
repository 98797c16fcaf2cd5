import os
from os import environ


class Config:
    DATABASE_URL = os.environ.get("DATABASE_URL")
    STATS_HOST = environ.get("STATS_HOST") # expect: env-var-undeclared


class TestingConfig(Config):
    # Only the test suite uses these settings.
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


PLUGIN = {"name": "mailer", "default": os.getenv("MAILER_BACKEND")}


def get_setting(key, default=None):
    return default


FEED_URL = get_setting("feed_url", default=os.environ.get("FEED_URL"))
