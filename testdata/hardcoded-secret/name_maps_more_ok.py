# Values under secret-like names that name things: enum members, rate limits, sentinels, captions.
from enum import Enum


class AuthMethods(Enum):
    user_id_only = "user-id-only"
    username_and_password = "username-password"
    google_auth = "google-auth"


RATE_LIMITS = {
    "reset_password": "1/m/ip,1/m/key",
}

api_key = "no_api_key"

FIELDS = {"wallet_secret": "Secret", "endpoint_url": "Endpoint URL"}
