import json

# Loaded from a file the first time it is asked for, while empty: quiet.
_FORMATS = {}


def resource_formats(path):
    global _FORMATS
    if not _FORMATS:
        with open(path, encoding="utf-8") as f:
            for row in json.load(f):
                _FORMATS[row["user_id"]] = row
    return _FORMATS


_MIMETYPES = {}


def mimetypes(path):
    if len(_MIMETYPES) == 0:
        for row in json.load(open(path)):
            _MIMETYPES[row["url"]] = row
    return _MIMETYPES


# A check on one key is no "while empty": every new user adds an entry.
_user_rows = {}  # expect: unbounded-cache


def user_row(user_id):
    if not _user_rows.get(user_id):
        _user_rows[user_id] = load_user(user_id)
    return _user_rows[user_id]
