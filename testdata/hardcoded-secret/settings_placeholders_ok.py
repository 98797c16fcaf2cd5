import os

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str
    secret_key: str = "changeme"
    api_key: str = ""


SECRET_KEY = os.environ["SECRET_KEY"]
password_label = "Enter your password"
TOKEN_URL = "https://auth.example.com/oauth/token"
DB_PASSWORD_FILE = "/run/secrets/db_password"
