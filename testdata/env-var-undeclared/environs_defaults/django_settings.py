import environ

env = environ.Env()

# django-environ's second positional argument is a cast, not a default.
CACHE_URL = env("CACHE_URL", str) # expect: env-var-undeclared
EMAIL_URL = env("EMAIL_URL", default="consolemail://")
