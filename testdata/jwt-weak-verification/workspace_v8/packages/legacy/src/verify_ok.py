import jwt


def verify(token, secret):
    return jwt.decode(token, secret, algorithms=["HS256"])
