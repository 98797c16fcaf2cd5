import jwt


def issue(user_id, signing_key):
    claims = {"sub": user_id}
    return jwt.encode(claims, signing_key, algorithm="HS256")  # expect: jwt-missing-expiry
