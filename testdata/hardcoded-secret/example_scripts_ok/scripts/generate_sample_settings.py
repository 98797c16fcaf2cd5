# Writes sample settings for the docs.
DEFAULTS = {"password": "s4mple-pw-2024"}
