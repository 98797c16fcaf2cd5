# Secret values behind a comment, an annotation or parentheses.
from typing import Final

CLIENT_SECRET: Final[str] = (  # issued by the identity provider
    "8c1f2d3e4b5a69788796a5b4c3d2e1f0"  # expect: hardcoded-secret
)

settings = {}
settings["smtp_pass"] = (
    r"Wint3r-Mail-2026"  # expect: hardcoded-secret
)

SECRET_KEY = \
    "9f8e7d6c5b4a39281706f5e4d3c2b1a0"  # expect: hardcoded-secret
