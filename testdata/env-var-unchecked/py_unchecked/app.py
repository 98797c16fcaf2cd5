import hmac
import os

import jwt
import redis
from sqlalchemy import create_engine

engine = create_engine(os.getenv("DATABASE_URL"))  # expect: env-var-unchecked

REDIS_URL = os.getenv("REDIS_URL")
cache = redis.from_url(REDIS_URL)  # expect: env-var-unchecked

WORKERS = int(os.environ.get("WORKERS"))  # expect: env-var-unchecked
PORT = int(os.environ.get("PORT", "8000"))
DEBUG = os.getenv("DEBUG") == "1"
SENTRY_DSN = os.getenv("SENTRY_DSN")
API_TOKEN = os.environ["API_TOKEN"]


def token(user_id):
    return jwt.encode({"sub": user_id}, os.environ.get("JWT_SECRET"), algorithm="HS256")  # expect: env-var-unchecked


def sign(body):
    return hmac.new(os.getenv("WEBHOOK_SECRET").encode(), body, "sha256")


def optional_queue():
    url = os.getenv("BROKER_URL")
    if url:
        return create_engine(url)
    return None
