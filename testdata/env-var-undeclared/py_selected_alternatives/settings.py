import os

if "DATABASE_URL" in os.environ:
    DATABASES = {"default": os.environ["DATABASE_URL"]}
elif "LEGACY_DB_NAME" in os.environ:
    # The older settings, used only when the project still configures them.
    DATABASES = {
        "default": {
            "NAME": os.environ["LEGACY_DB_NAME"],
            "USER": os.environ["LEGACY_DB_USER"],
        }
    }

os.environ.setdefault("WORKER_MODE", "threads")
WORKER_MODE = os.environ["WORKER_MODE"]

# A comparison with a number, not a choice among named alternatives.
if os.cpu_count() == 1:
    SINGLE_CORE_POOL = os.environ["SINGLE_CORE_POOL"]  # expect: env-var-undeclared
