import json
import os

DATABASE_URL = os.environ["DATABASE_URL"]


def int_or_none(value):
    return int(value) if value else None


# A helper that supplies the default.
POOL_SIZE = int_or_none(os.environ.get("POOL_SIZE"))
# Only read when set (the condition of a conditional expression).
PROVIDERS = json.loads(os.getenv("PROVIDERS")) if os.getenv("PROVIDERS") else {}
# A feature switched on by another variable.
if bool(os.environ.get("REPLICA_URL")):
    REPLICA_USER = os.environ.get("REPLICA_USER")
# A module constant is not a read of the environment: the reads under it are flagged.
USE_S3 = False
if USE_S3:
    S3_BUCKET = os.environ.get("S3_BUCKET") # expect: env-var-undeclared
