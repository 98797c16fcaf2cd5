# The same in Python: most settings come through the project's helper and are not listed.
import os

from .env_helpers import get_env, get_env_bool

DATABASE_URL = get_env("DATABASE_URL")
TRUST_PROXY_HEADER = get_env("TRUST_PROXY_HEADER")
ADMIN_ENDPOINT = get_env("ADMIN_ENDPOINT")
USER_DEFAULT_ROLES = get_env("USER_DEFAULT_ROLES")
DEVELOPMENT_USER_ID = get_env("DEVELOPMENT_USER_ID")
OIDC_ISSUER = get_env("OIDC_ISSUER")
OIDC_AUDIENCE = get_env("OIDC_AUDIENCE")
AUDIT_RETENTION_DAYS = get_env("AUDIT_RETENTION_DAYS")
FEATURE_FLAGS_URL = get_env("FEATURE_FLAGS_URL")
STATUS_API_KEY = get_env("STATUS_API_KEY")
METRICS_ENABLED = get_env_bool("METRICS_ENABLED")

ANALYTICS_PUBLIC_KEY = os.environ.get("ANALYTICS_PUBLIC_KEY")
ANALYTICS_PUBLIC_HOST = os.environ.get("ANALYTICS_PUBLIC_HOST")
