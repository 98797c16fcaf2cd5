# Verification is off only after a guard clause let the operator's opt-out through.
import ssl

import urllib3

from app import settings


def storage_http_client():
    verify = settings.STORAGE.get("verify", True)
    if verify is True or verify == "true":
        return None
    return urllib3.PoolManager(cert_reqs=ssl.CERT_NONE)


def fetch(url):
    import requests

    if settings.ALLOW_UNAUTHORIZED_CERTS:
        return requests.get(url, verify=False)
    return requests.get(url)
