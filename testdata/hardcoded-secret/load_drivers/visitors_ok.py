"""Load test: signs up synthetic users against a test instance."""
from locust import HttpUser, task

MASTER_PASSWORD = "load-test-pass"


class Visitor(HttpUser):
    @task
    def login(self):
        self.client.post("/login", {"username": "visitor", "password": "visitor-pass-1"})
