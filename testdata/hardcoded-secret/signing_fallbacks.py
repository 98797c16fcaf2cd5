import os

import jwt


def issue(user_id):
    # The default of the read signs tokens wherever APP_KEY is not set.
    return jwt.encode({"sub": user_id}, os.getenv("APP_KEY", "dev-app-key"), algorithm="HS256")  # expect: hardcoded-secret


def check(token):
    return jwt.decode(token, os.environ.get("APP_KEY") or "local-key", algorithms=["HS256"])  # expect: hardcoded-secret
