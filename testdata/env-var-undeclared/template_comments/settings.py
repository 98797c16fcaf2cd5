import os

DATABASE_URL = os.environ["DATABASE_URL"]
# Documented as commented-out entries of the template: declared.
SENTRY_DSN = os.environ.get("SENTRY_DSN")
STORAGE_BUCKET = os.environ.get("STORAGE_BUCKET")
# Only named in prose of a comment: not a declaration.
WORKERS = os.environ.get("WORKERS") # expect: env-var-undeclared
MAIL_RELAY_PORT = os.environ.get("MAIL_RELAY_PORT")
