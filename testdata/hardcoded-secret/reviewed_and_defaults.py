import os

IS_PRODUCTION = os.getenv("ENVIRONMENT") == "production"

DATABASE_URL = os.getenv("DATABASE_URL")
if not DATABASE_URL:
    # Production stops here; the literal is the local default.
    if IS_PRODUCTION:
        raise RuntimeError("DATABASE_URL is required")
    DATABASE_URL = "postgresql://app:devpass@localhost/app"

CACHE_URL = os.getenv("CACHE_URL")
if not CACHE_URL:
    if IS_PRODUCTION:
        print("CACHE_URL is missing")
    CACHE_URL = "redis://:Rd7pLq2wX@localhost:6379/0"  # expect: hardcoded-secret


def setup_demo_users():
    password = "testpassword"  # nosec B105
    return password


def setup_staff_users():
    password = "stafFpass9x"  # expect: hardcoded-secret
    return password


ANONYMOUS = ApiUser(token_name="unknown", secret="unknown")
SERVICE = ApiUser(token_name="service", secret="k9Unknown2x")  # expect: hardcoded-secret

_API_KEY = "braintrust_api_key"
API_KEY = "onyx-api-key"
_STATE_CLIENT_KEY = "client"
PARTNER_API_KEY = "onyx-api-key-7f3k9Qz"  # expect: hardcoded-secret
CLIENT_KEY = "client2Qx9"  # expect: hardcoded-secret
