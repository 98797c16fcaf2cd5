import jwt
from jose import jwt as jose_jwt


def access_token(user):
    return jwt.encode({"sub": str(user.id), "role": user.role}, SECRET_KEY, algorithm="HS256")  # expect: jwt-missing-expiry


def reset_token(user):
    payload = {"user_id": user.id, "purpose": "reset"}
    return jwt.encode(payload, SECRET_KEY, algorithm="HS256")  # expect: jwt-missing-expiry


def jose_token(user):
    return jose_jwt.encode(dict(sub=str(user.id)), SECRET_KEY, algorithm="HS256")  # expect: jwt-missing-expiry
