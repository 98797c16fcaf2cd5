import os


def summary_settings():
    return {
        "model": os.environ["SUMMARY_MODEL_PREF"],
        "length": os.environ["SUMMARY_LENGTH"],
        "archive": os.environ["ARCHIVE_BUCKET_NAME"],  # expect: env-var-undeclared
    }
