import os

import dj_database_url

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["toybox.example.com", "web", "localhost"]
DATABASES = {"default": dj_database_url.config(conn_max_age=600)}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://redis:6379/0"),
    }
}
