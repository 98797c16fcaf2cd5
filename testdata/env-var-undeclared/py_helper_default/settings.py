import os


def to_int(value, default=0):
    return int(value) if value else default


DATABASE_URL = os.environ["DATABASE_URL"]
# The helper returns the literal it is given when the variable is unset.
WORKERS = to_int(os.getenv("WORKERS"), 4)
TIMEOUT = to_int(os.getenv("TIMEOUT"))  # expect: env-var-undeclared
