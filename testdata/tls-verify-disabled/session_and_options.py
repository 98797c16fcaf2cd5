"""Verification switched off on a session, in shared request options, and look-alikes."""
import httpx
import jwt
import requests

from .sms import send_code

partner = requests.Session()
partner.verify = False  # expect: tls-verify-disabled@error

REQUEST_OPTIONS = {"timeout": 10, "verify": False}  # expect: tls-verify-disabled@error


def rates(currency):
    return partner.get(f"https://partner.example.com/rates/{currency}", **REQUEST_OPTIONS)


def make_client():
    client = httpx.Client(base_url="https://billing.internal")
    client.verify = False  # expect: tls-verify-disabled@error
    return client


# Look-alikes: not TLS verification.
def read_claims(token):
    # PyJWT 1.x: skips the signature check, not certificate verification.
    return jwt.decode(token, verify=False)


def start_login(phone_number):
    send_code(phone_number, verify=False)


class Account:
    def __init__(self):
        self.verify = False
        self.email_verified = False


JWT_OPTIONS = {"verify_signature": True, "verify_exp": True}
