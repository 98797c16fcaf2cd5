import json
from pathlib import Path


def save_release(cache_dir: str, release: dict):
    with open(Path(cache_dir, "release.json"), "w", encoding="utf-8") as f:
        json.dump(release, f)


def load_release(cache_dir: str):
    cache_file = Path(cache_dir, "release.json")
    if cache_file.is_file():
        with open(cache_file, encoding="utf-8") as f:
            return json.load(f)
    return None
