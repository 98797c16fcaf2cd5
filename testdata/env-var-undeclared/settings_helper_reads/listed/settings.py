import os

from .env_helpers import get_env

DATABASE_URL = get_env("DATABASE_URL")
SESSION_SECRET = get_env("SESSION_SECRET")
SMTP_HOST = get_env("SMTP_HOST")
SMTP_PORT = get_env("SMTP_PORT")
SMTP_USER = get_env("SMTP_USER")
SMTP_PASSWORD = get_env("SMTP_PASSWORD")
STORAGE_BUCKET = get_env("STORAGE_BUCKET")
STORAGE_REGION = get_env("STORAGE_REGION")
CACHE_URL = get_env("CACHE_URL")
LOG_LEVEL = get_env("LOG_LEVEL")

WEBHOOK_SIGNING_KEY = os.environ.get("WEBHOOK_SIGNING_KEY")  # expect: env-var-undeclared
