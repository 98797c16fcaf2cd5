import os

from .base import *  # noqa: F403

DEBUG = True
if os.environ.get("STAGING_PUBLIC") == "1":
    DEBUG = False
