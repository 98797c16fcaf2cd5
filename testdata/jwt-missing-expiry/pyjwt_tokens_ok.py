from datetime import datetime, timedelta, timezone

import jwt


def access_token(user):
    expire = datetime.now(timezone.utc) + timedelta(minutes=15)
    return jwt.encode({"sub": str(user.id), "exp": expire}, SECRET_KEY, algorithm="HS256")


def refresh_token(user):
    claims = {"sub": str(user.id), "type": "refresh"}
    claims["exp"] = datetime.now(timezone.utc) + timedelta(days=7)
    return jwt.encode(claims, SECRET_KEY, algorithm="HS256")


def updated_claims(user):
    data = {"sub": str(user.id)}
    data.update({"exp": datetime.now(timezone.utc) + timedelta(hours=1)})
    return jwt.encode(data, SECRET_KEY, algorithm="HS256")


def from_caller(payload):
    return jwt.encode(payload, SECRET_KEY, algorithm="HS256")


def merged(extra):
    return jwt.encode({**extra, "scope": "read"}, SECRET_KEY, algorithm="HS256")


class Codec:
    # A look-alike: a project's own `encode`.
    def encode(self, value):
        return value.encode("utf-8")


def text_bytes(name):
    return name.encode("utf-8")


def invite_token(email):
    # The invite's age is bounded by its own timestamp claim, checked on acceptance.
    return jwt.encode({"email": email, "timestamp": datetime.now().timestamp()}, SECRET_KEY, algorithm="HS256")


def partner_headers(key, secret):
    # A token minted for this process's own request to a partner API.
    token = jwt.encode({"iss": key}, secret, algorithm="HS256")
    return {"Authorization": "Bearer %s" % token}
