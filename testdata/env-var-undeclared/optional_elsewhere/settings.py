import os

# A larger app: its env file lists what a deployment must set, not every optional setting.
PAGE_SIZE = int(os.getenv("PAGE_SIZE", "50"))
CACHE_TTL = int(os.getenv("CACHE_TTL", "300"))
LOG_LEVEL = os.getenv("LOG_LEVEL", "info")
SITE_NAME = os.getenv("SITE_NAME", "App")
THEME = os.getenv("THEME", "light")
UPLOAD_DIR = os.getenv("UPLOAD_DIR", "/data/uploads")
MAX_UPLOAD_MB = int(os.getenv("MAX_UPLOAD_MB", "20"))
TIMEZONE = os.getenv("TIMEZONE", "UTC")
