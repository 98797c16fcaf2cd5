import os

from .util import strtobool

# Raises at import when missing: the worker needs it.
QUEUE_URL = os.environ["QUEUE_URL"]  # expect: env-var-undeclared
SENTRY_DSN = os.getenv("SENTRY_DSN")
COMPRESSION = strtobool(os.getenv("ENABLE_COMPRESSION"))


def proxy():
    return os.getenv("OUTBOUND_PROXY")


def drain():
    # The second read of a reported variable is not reported again.
    return os.environ["QUEUE_URL"]

