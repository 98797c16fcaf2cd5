import os


def application(environ, start_response):
    # The WSGI environ is the request, not the process environment.
    path = environ["PATH_INFO"]
    script = environ.get("SCRIPT_NAME")
    start_response("200 OK", [])
    return [path.encode(), (script or "").encode()]


DATABASE_URL = os.environ["DATABASE_URL"]
