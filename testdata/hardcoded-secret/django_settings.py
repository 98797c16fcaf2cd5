import os

import jwt

# expect: hardcoded-secret
SECRET_KEY = "django-insecure-8f#k2l!x@q9z$w3e7r1t5y"
DEBUG = False

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": "pg-Sh0p-2024", # expect: hardcoded-secret
        "HOST": "db",
    }
}

EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
AWS_ACCESS_KEY_ID = "AKIAZ3MXQ7RT2N4VWP6Y" # expect: hardcoded-secret


def make_token(user_id):
    return jwt.encode({"sub": user_id}, "hs256-signing-key", algorithm="HS256") # expect: hardcoded-secret


def connect():
    import psycopg2

    return psycopg2.connect(host="db", user="app", password="s3cr3t-pg") # expect: hardcoded-secret
