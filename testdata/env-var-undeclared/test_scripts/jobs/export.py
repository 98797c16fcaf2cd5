import os


def export_target():
    return os.environ["EXPORT_BUCKET"]  # expect: env-var-undeclared
