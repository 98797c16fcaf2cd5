import requests


def fetch(url):
    # expect: tls-verify-disabled@error
    return requests.get(url, verify=False)
