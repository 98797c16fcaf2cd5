from .base import *  # noqa: F403

# Left on while chasing a bug in production.
DEBUG = True  # expect: debug-mode-in-deploy
