import os

# A feature switch kept in a module constant: its settings are read only when it is on.
LDAP_AUTH = bool(os.getenv("LDAP_AUTH", False))
if LDAP_AUTH:
    LDAP_SERVER_URI = os.getenv("LDAP_SERVER_URI")
    # Raising when the feature is on and the setting missing is still a required setting.
    LDAP_BIND_DN = os.environ["LDAP_BIND_DN"]  # expect: env-var-undeclared

# A presence test in a constant is a switch too.
REPLACE_ALL = "REPLACE_ALL" in os.environ
if REPLACE_ALL:
    REPLACE_LIMIT = os.environ.get("REPLACE_LIMIT")

# A choice of environment is no switch: production reads are required.
IS_PRODUCTION = os.getenv("APP_ENV") == "production"
if IS_PRODUCTION:
    CDN_HOST = os.getenv("CDN_HOST")  # expect: env-var-undeclared

# The code handles the value missing: the branch uses it only when set.
host_name = os.environ.get("HOST_NAME")
if host_name:
    ALLOWED_HOSTS = [host_name]
# A branch that stops is a startup check, not a fallback.
signing_key = os.environ.get("SIGNING_KEY")  # expect: env-var-undeclared
if not signing_key:
    raise SystemExit("SIGNING_KEY is required")

# The other branch is None: whoever takes the value handles it missing.
