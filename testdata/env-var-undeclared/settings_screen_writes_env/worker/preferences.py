import os

# The admin screen writes each saved preference into the environment of the worker.
FIELDS = {"summary_model": "SUMMARY_MODEL_PREF", "summary_length": "SUMMARY_LENGTH"}


def save_preference(field, value):
    os.environ[FIELDS[field]] = value
