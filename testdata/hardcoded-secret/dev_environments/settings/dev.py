# Development settings: the key below never signs anything a deployment serves.
from .base import *  # noqa

SECRET_KEY = "dj-dev-3kz9qLw8Xv2Nr7Tb5Ym1Pc4Hs6Ud0Ge"
SIGNING_KEY = os.getenv("SIGNING_KEY", "dev-signing-key-4kq9Lx2Vb7")
DATABASES = {"default": {"PASSWORD": "Xk29vLq8dev"}}
