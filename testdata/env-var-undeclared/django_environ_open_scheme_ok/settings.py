import environ

from .audit import AUDIT_SCHEMA

# Part of the scheme is merged from elsewhere: any name may have its default there.
env = environ.Env(
    **AUDIT_SCHEMA,
    ENABLE_SIGNUP=(bool, False),
)

SECRET_KEY = env("SECRET_KEY")
ENABLE_SIGNUP = env("ENABLE_SIGNUP")
AUDIT_ENABLED = env("AUDIT_ENABLED")
AUDIT_RETENTION_DAYS = env("AUDIT_RETENTION_DAYS")
