import jwt
from jose import jwt as jose_jwt

with open("keys/public.pem") as key_file:
    PUBLIC_KEY = key_file.read()


def user_from_token(token):
    claims = jwt.decode(token, options={"verify_signature": False})  # expect: jwt-weak-verification
    return User.objects.get(pk=claims["sub"])


def any_algorithm(token):
    return jwt.decode(token, PUBLIC_KEY)  # expect: jwt-weak-verification


def unsigned_allowed(token):
    return jwt.decode(token, SECRET_KEY, algorithms=["HS256", "none"])  # expect: jwt-weak-verification


def role_of(token):
    claims = jose_jwt.get_unverified_claims(token)  # expect: jwt-weak-verification
    return claims.get("role")
