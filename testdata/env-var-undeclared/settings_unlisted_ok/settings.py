import os

# The template lists the required settings only; the rest are features off when unset.
DATABASE_URL = os.environ["DATABASE_URL"]
SECRET_KEY = os.environ["SECRET_KEY"]
MAIL_HOST = os.environ.get("MAIL_HOST", "localhost")
MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
MONITORING_EMAIL = os.environ.get("MONITORING_EMAIL")
PGP_SIGNER = os.environ.get("PGP_SIGNER")
SUPPORT_HOST = os.environ.get("SUPPORT_HOST")
SUPPORT_TOKEN = os.environ.get("SUPPORT_TOKEN")
COUPON_ID = os.environ.get("COUPON_ID")
EXTRA_HEADER = os.environ.get("EXTRA_HEADER")
SAVE_DIR = os.environ.get("SAVE_DIR")
CONNECTORS = {"phone": {"secret": os.environ.get("PHONE_SECRET")}}
# Passed to a call of the project's own, which may take None: nothing says it is needed.
client = make_client(os.environ.get("UPLOADS_BUCKET"))
# Raises when missing: the app needs it.
UPLOADS_REGION = os.environ["UPLOADS_REGION"]  # expect: env-var-undeclared
