import os
import sys

REQUIRED = ("DATABASE_URL", "SECRET_KEY")

missing = [name for name in REQUIRED if not os.environ.get(name)]
if missing:
    sys.exit(f"missing environment variables: {', '.join(missing)}")
