import os

# No fallback: a missing variable stops the app.
SECRET_KEY = os.environ["SECRET_KEY"]
# A fallback to an empty value or a reference signs nothing by itself.
JWT_SECRET = os.getenv("JWT_SECRET", "")
# Not a signing setting: a fallback for a host name.
MAIL_HOST = os.getenv("MAIL_HOST", "localhost")
CACHE_KEY_PREFIX = os.getenv("CACHE_KEY_PREFIX", "app")
# A third-party credential's fallback is a dummy that authenticates nowhere.
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "secret-key")
client_secret = os.environ.get("CLIENT_SECRET") or "client-secret"
