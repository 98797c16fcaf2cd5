import os

POSTGRES_URL = os.environ.get("POSTGRES_URL")
MAIL_FROM = os.environ.get("MAIL_FROM", "noreply@localhost")
MAIL_RELAY_HOST = os.environ.get("MAIL_RELAY_HOST") # expect: env-var-undeclared
