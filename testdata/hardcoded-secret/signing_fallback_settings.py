import os

from environs import Env

env = Env()

# A signing setting's fallback signs sessions wherever the variable is missing.
SECRET_KEY = env.str("DJANGO_KEY", default="dev-insecure-django-key")  # expect: hardcoded-secret
JWT_SECRET = os.getenv("JWT_SECRET", "local-jwt-secret")  # expect: hardcoded-secret
SESSION_SECRET = os.environ.get("SESSION_SECRET") or "change this secret"  # expect: hardcoded-secret
