# Verification is relaxed only when a development switch in the environment is set.
import os

import requests

DEV_MODE = os.environ.get("DEV_MODE") == "1"


def fetch_staging(url):
    if DEV_MODE:
        return requests.get(url, verify=False, timeout=5)
    return requests.get(url, timeout=5)


def fetch_device(url):
    if os.environ.get("DEVICE_ID"):
        return requests.get(url, verify=False, timeout=5)  # expect: tls-verify-disabled@error
    return requests.get(url, timeout=5)
