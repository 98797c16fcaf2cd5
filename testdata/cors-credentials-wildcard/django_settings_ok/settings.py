import os

INSTALLED_APPS = ["corsheaders"]

# Any origin, but no cookies.
CORS_ORIGIN_ALLOW_ALL = True
CORS_ALLOW_CREDENTIALS = False

CORS_ALLOWED_ORIGINS = os.environ.get("CORS_ORIGINS", "").split(",")
