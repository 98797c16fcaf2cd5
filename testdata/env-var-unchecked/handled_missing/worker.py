import os

import jwt
from celery import Celery


def check_env(name):
    if not os.getenv(name):
        print(f"{name} is not set")


check_env("SIGNING_KEY")
os.environ.setdefault("BROKER_URL", "redis://localhost:6379/0")

app = Celery("worker", broker=os.getenv("BROKER_URL"))
CACHE = {"enabled": bool(os.getenv("CACHE_URL")), "ttl": int(os.getenv("CACHE_TTL"))}
LIMITS = {"max_jobs": int(os.getenv("MAX_JOBS"))}  # expect: env-var-unchecked


def token(payload):
    return jwt.encode(payload, os.getenv("SIGNING_KEY"), algorithm="HS256")


def partner_token(payload):
    return jwt.encode(payload, os.getenv("PARTNER_KEY"), algorithm="HS256")  # expect: env-var-unchecked
