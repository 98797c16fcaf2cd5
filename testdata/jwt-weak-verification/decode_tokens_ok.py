import jwt
from jose import jwt as jose_jwt

with open("keys/public.pem") as key_file:
    PUBLIC_KEY = key_file.read()


# The seed's own dependency, reworded.
def verify_token(token):
    try:
        return jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
    except jwt.ExpiredSignatureError:
        raise PermissionError("expired")


def with_public_key(token):
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])


def issuer_then_verify(token, keys):
    unverified = jwt.decode(token, options={"verify_signature": False})
    key = keys[unverified["iss"]]
    claims = jwt.decode(token, key, algorithms=["RS256"])
    return claims["sub"]


def expiry_of(token):
    claims = jose_jwt.get_unverified_claims(token)
    return claims["exp"]


def header_kid(token):
    return jwt.get_unverified_header(token)["kid"]
