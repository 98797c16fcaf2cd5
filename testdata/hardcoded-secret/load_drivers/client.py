# A client of the app that is no load test: its password is live.
import requests

ADMIN_PASSWORD = "load-test-pass"  # expect: hardcoded-secret


def login():
    return requests.post("https://api.example.org/login", json={"password": ADMIN_PASSWORD})
