# Served code of the app: reported.
import requests

PARTNER_URL = "https://partner.internal.example.com"


def fetch_rates(currency):
    resp = requests.get(f"{PARTNER_URL}/rates/{currency}", verify=False, timeout=10)  # expect: tls-verify-disabled@error
    return resp.json()
