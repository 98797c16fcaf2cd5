import os

QUEUE = os.environ["QUEUE_NAME"]
DATABASE_URL = os.environ["DATABASE_URL"]
TOKEN = os.environ["WORKER_TOKEN"]  # expect: env-var-undeclared
