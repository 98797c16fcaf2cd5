import os


def max_uploads(count):
    # Converted only when set.
    raw = os.environ.get("MAX_UPLOADS")
    limit = int(raw) if raw else None
    return limit is None or count < limit


def retries():
    return int(os.environ.get("RETRIES"))  # expect: env-var-unchecked
