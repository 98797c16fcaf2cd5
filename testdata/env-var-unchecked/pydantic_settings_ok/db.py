import os

import jwt
from sqlalchemy import create_engine

engine = create_engine(os.getenv("DATABASE_URL"))


def token(user_id):
    return jwt.encode({"sub": user_id}, os.getenv("JWT_SIGNING_KEY"), algorithm="HS256")
