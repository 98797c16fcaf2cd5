import os
import sys

REQUIRED = ("JWT_SECRET",)

missing = [name for name in REQUIRED if not os.environ.get(name)]
if missing:
    sys.exit(f"missing environment variables: {', '.join(missing)}")
