import os

proxy = None if os.name == "nt" else os.getenv("PROXY_HOST")

# Reads while looking at whatever the environment holds.
for key in os.environ:
    if key.startswith("PLUGIN_"):
        PLUGIN_ROOT = os.getenv("PLUGIN_ROOT")
