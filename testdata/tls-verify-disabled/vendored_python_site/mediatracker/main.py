# The app's own code: still reported.
import requests


def start():
    pass


def poll_server(url):
    return requests.get(url, verify=False, timeout=5)  # expect: tls-verify-disabled@error
