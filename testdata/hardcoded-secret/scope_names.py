# The same shapes with a credential in them are still reported.
import os

from openai import OpenAI
import psycopg2

# Constants that are settings, not names of fields: reported.
DB_HOST = "db.internal"
DB_USER = "app"
DB_PASSWORD = "password"  # expect: hardcoded-secret


class ProductionConfig:
    SECRET_KEY = "t0p-s3cr3t-prod"  # expect: hardcoded-secret


APP_SETTINGS = {
    "database_url": "mysql://root:rootpw9@db:3306/app",  # expect: hardcoded-secret
}

DEFAULTS = {
    "SESSION_SECRET": "flowerpot",  # expect: hardcoded-secret
}

# Used by a connection too, not only as the fallback of a read: reported.
LOCAL_DATABASE = "postgresql://postgres:pg-local-1@127.0.0.1:5432/app"  # expect: hardcoded-secret
DATABASE_URL = os.environ.get("DATABASE_URL", LOCAL_DATABASE)
conn = psycopg2.connect(LOCAL_DATABASE)


API_KEY_SECRET = "default_secret_4c9e"  # expect: hardcoded-secret


def credentials():
    return {"client_id": "deploy", "access_token": "123fgt9a"}  # expect: hardcoded-secret


def admin_login():
    return {"username": "admin", "password": "password"}  # expect: hardcoded-secret


def remote_model(base):
    return OpenAI(base_url=base.url, api_key="ollama")  # expect: hardcoded-secret


class VendorSettings:
    HOST = "api.vendor.io"
    REGION = "eu-west-1"
    API_KEY = "x9Qv+API_KEY"  # expect: hardcoded-secret
