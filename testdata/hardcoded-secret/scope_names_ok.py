# Values that name no deployment's credential, by what holds them.
import os
from enum import Enum

from openai import OpenAI
from pydantic import BaseModel, Field

# A module of constants naming the fields of a resolver's configuration.
METHOD = "method"
ENDPOINT = "endpoint"
HEADERS = "headers"
USERNAME = "username"
PASSWORD = "password"
CLIENT_SECRET = "client_secret"
VERIFY_TLS = "verify_tls"
TIMEOUT = "timeout"


class DevelopmentConfig:
    DEBUG = True
    SECRET_KEY = os.environ.get("SECRET_KEY") or "t0p-s3cr3t-dev"


class TestingConfig:
    DATABASE_URL = "postgresql://app:s3cretpw@localhost/app_test"


EXAMPLE_SETTINGS = {
    "database_url": "mysql://root:rootpw9@localhost:3306/example",
    "api_token": "tok-4f9a1c2b7e",
}

# Former defaults the app refuses when an operator sets one.
INSECURE_DEFAULTS = {
    "JWT_SECRET": "AABBCCDDEEFF00112233",
    "SESSION_SECRET": "flowerpot",
}

LOCAL_DATABASE = "postgresql://postgres:pg-local-1@127.0.0.1:5432/app"
DATABASE_URL = os.environ.get("DATABASE_URL", LOCAL_DATABASE)


# The documented default an installation is told to replace, in a client script.
API_KEY_SECRET = "acme_default_secret"


def fake_credentials():
    return {"client_id": "preview", "access_token": "123fgt9a"}


def token_request():
    return {"username": "username", "password": "password", "expire": "1h"}


def local_model(base):
    return OpenAI(base_url=base.ollama_url, api_key="ollama")


class Signup(BaseModel):
    password: str = Field(..., min_length=8)

    model_config = {"json_schema_extra": {"example": {"password": "Sup3rS3cret!"}}}


class Operate(Enum):
    READ = "READ"
    EDIT = "READ+EDIT"
    DELETE = "READ+DELETE"
    API_KEY = "READ+API_KEY"
