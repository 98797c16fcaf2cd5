import json
from pathlib import Path

from flask import request


def save_release(cache_dir: str, release: str):
    with open(Path(cache_dir, "release.txt"), "w", encoding="utf-8") as f:
        f.write(release)


def load_release(cache_dir: str):
    cache_file = Path(request.args["dir"], "release.json")
    if cache_file.is_file():
        with open(cache_file, encoding="utf-8") as f:
            return json.load(f)  # expect: unguarded-json-parse
    return None
