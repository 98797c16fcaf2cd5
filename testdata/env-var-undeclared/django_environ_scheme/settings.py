import environ

# A `(cast, default)` pair in the scheme is the default `env("NAME")` returns.
env = environ.Env(
    ENABLE_SIGNUP=(bool, False),
    ALLOWED_HOSTS=(list, []),
    MAX_UPLOAD_MB=(int, 10),
    CSRF_COOKIE_SAMESITE=(str, "Lax"),
)

ENABLE_SIGNUP = env("ENABLE_SIGNUP")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
MAX_UPLOAD_MB = env("MAX_UPLOAD_MB")
CSRF_COOKIE_SAMESITE = env("CSRF_COOKIE_SAMESITE")
SECRET_KEY = env("SECRET_KEY")
DATABASES = {"default": env.db("DATABASE_URL")}
# Not in the scheme: django-environ raises when it is missing.
EMAIL_HOST = env("EMAIL_HOST")  # expect: env-var-undeclared
