# Files the application or its tooling writes under a fixed name, and JSON APIs: quiet.
# A file the request uploads, and a file host: reported.
import json
import os
from pathlib import Path

import requests
from flask import request

LANGUAGES = Path(__file__).parent / "languages"


def read_manifest(path="static/build/manifest.json"):
    with open(path) as f:
        return json.loads(f.read())


def read_theme_config(themes_dir, theme_id):
    with open(os.path.join(themes_dir, theme_id, "theme.json")) as f:
        return json.loads(f.read())


def read_language(language):
    language_file = (LANGUAGES / f"{language}.json").resolve()
    if not language_file.is_relative_to(LANGUAGES):
        raise ValueError("invalid language")
    return json.loads(language_file.read_text())


def who_am_i(token):
    response = requests.get(f"https://api.example.com/v1/me?token={token}")
    return json.loads(response.content)


def slack_token(code):
    url = "https://example.com/api/oauth.access"
    response = requests.get(url, {"code": code})
    return json.loads(response.text)


def read_upload():
    return json.loads(request.files["upload"].read())  # expect: unguarded-json-parse


def fetch_release(version):
    response = requests.get(f"https://files.example.com/releases/{version}.json")
    return json.loads(response.content)  # expect: unguarded-json-parse
