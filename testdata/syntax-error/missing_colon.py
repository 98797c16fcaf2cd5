import json


def handler(request):
    if request.method == "POST"  # expect: syntax-error
        return json.loads(request.body)
    return {}
