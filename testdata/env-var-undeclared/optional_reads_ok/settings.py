import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
TIMEOUT = int(os.getenv("TIMEOUT", "30"))
REGION = os.getenv("REGION") or "eu-west-1"
if "PROFILE" in os.environ:
    PROFILE = os.environ["PROFILE"]
