# Look-alikes that are still credentials.
from enum import Enum


class Credentials(Enum):
    admin_password = "admin-s3cret-pw9"  # expect: hardcoded-secret
    api_host = "api-host"


api_key = "my_api_key_2024"  # expect: hardcoded-secret

RATE_LIMITS = {
    "reset_password": "1/m/ip,hunter2",  # expect: hardcoded-secret
}

FIELDS = {"wallet_secret": "Wallet", "endpoint_url": "Endpoint URL"}  # expect: hardcoded-secret
