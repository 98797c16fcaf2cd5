import os

VERSION = os.environ["APP_VERSION"]
PORT = int(os.getenv("APP_PORT", "8000"))
REDIS_HOST = os.environ["REDIS_HOST"]  # expect: env-var-undeclared
FEATURE_FLAGS = os.getenv("FEATURE_FLAGS")  # expect: env-var-undeclared
SENTRY_DSN = os.getenv("SENTRY_DSN", "")
