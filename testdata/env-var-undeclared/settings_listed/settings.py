import os

# The template lists every setting, optional ones too: one left out is a gap in it.
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
PHONE_SECRET = os.environ.get("PHONE_SECRET")  # expect: env-var-undeclared
