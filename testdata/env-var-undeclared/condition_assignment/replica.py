import os


def replica_url():
    # The value assigned in the condition is used only when it is set.
    if url := os.getenv("REPLICA_URL"):
        return url
    return os.environ.get("DATABASE_URL")


def audit_url():
    # Assigned, then used whole with no default: a small app's env file lists it.
    url = os.getenv("AUDIT_URL")  # expect: env-var-undeclared
    return url


# At the top of a settings module the assignment defines a setting of the module.
if admins := os.getenv("ADMIN_EMAILS"):  # expect: env-var-undeclared
    ADMINS = admins.split(",")
