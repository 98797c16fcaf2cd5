# A file the request uploads or names is outside input: reported.
import json

from django.views import View
from flask import request


class BlocklistImport(View):
    def post(self, request):
        data = json.load(request.FILES["json_file"])  # expect: unguarded-json-parse
        return data


def import_settings():
    return json.loads(request.files["settings"].read())  # expect: unguarded-json-parse


def read_named():
    with open(request.args["name"]) as fh:
        return json.load(fh)  # expect: unguarded-json-parse
