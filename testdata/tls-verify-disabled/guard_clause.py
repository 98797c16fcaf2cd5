# A guard clause on anything but an opt-out setting does not make the switch a choice.
import ssl

import urllib3

from app import settings


def storage_http_client():
    endpoint = settings.STORAGE.get("endpoint", "")
    if not endpoint.startswith("https://"):
        return None
    return urllib3.PoolManager(cert_reqs=ssl.CERT_NONE)  # expect: tls-verify-disabled


def fetch(url):
    import requests

    if settings.MAIL_ENABLED:
        return requests.get(url, verify=False)  # expect: tls-verify-disabled
    return requests.get(url)
