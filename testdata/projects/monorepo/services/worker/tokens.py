import os

import jwt


def token(user_id):
    return jwt.encode({"sub": user_id}, os.getenv("JWT_SECRET"), algorithm="HS256")
