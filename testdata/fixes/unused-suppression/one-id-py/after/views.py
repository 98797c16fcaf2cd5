import requests


def fetch_status(url):
    return requests.get(url, verify=False)  # backlint-ignore tls-verify-disabled -- internal CA
