import requests


def fetch(url):
    # expect: tls-verify-disabled@warning
    return requests.get(url, verify=False)
