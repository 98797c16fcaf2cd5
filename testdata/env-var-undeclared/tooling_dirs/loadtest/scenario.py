import os

# A load-test client run against a deployment, not served code.
MODEL = os.environ["LOADTEST_MODEL"]
