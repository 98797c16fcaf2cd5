"""Connection URLs built from the environment.

Example: create_engine("postgresql://scott:tiger@localhost/test")
"""

import os

from sqlalchemy import create_engine

user = os.environ["DB_USER"]
pw = os.environ["DB_PASSWORD"]

engines = [
    create_engine(f"postgresql://{user}:{pw}@db/app"),
    create_engine(f"postgresql://app:{pw!s}@db/app"),
    create_engine("postgresql://{}:{}@db/app".format(user, pw)),
    create_engine("postgresql://{user}:{password}@db/app".format(user=user, password=pw)),
    create_engine("postgresql://%(user)s:%(password)s@db/app" % {"user": user, "password": pw}),
    create_engine("postgresql://%s:%s@db/app" % (user, pw)),
    create_engine("postgresql://app@db/app"),
    create_engine("postgresql://db:5432/app"),
]

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://postgres:postgres@localhost/dev")
BROKER_URL = os.getenv("BROKER_URL", "amqp://guest:guest@localhost:5672//")
HELM_VALUE = "postgres://app:{{ .Values.db.password }}@db/app"
K8S_VALUE = "postgres://app:$(DB_PASS)@db/app"
HINT = "expected postgres://user:secret@host/db, got something else"


def handler():
    """Reads postgresql://app:hunter2pass@db/app from the secret store."""
    return create_engine(DATABASE_URL)
