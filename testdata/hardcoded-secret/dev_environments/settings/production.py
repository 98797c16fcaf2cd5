from .base import *  # noqa

SECRET_KEY = "kq8Zr2kLp0x7Vb3Nw5Yt1Mc6Hd9Fs4Ja"  # expect: hardcoded-secret
SIGNING_KEY = os.getenv("SIGNING_KEY", "prod-signing-key-4kq9Lx2Vb7")  # expect: hardcoded-secret
