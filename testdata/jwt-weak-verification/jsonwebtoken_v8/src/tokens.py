# A Python worker beside the Node API: PyJWT does not follow package.json.
import jwt


def read_claims(token, secret):
    return jwt.decode(token, secret, algorithms=["HS256"])
