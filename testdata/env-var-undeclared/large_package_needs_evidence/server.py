import os

from flask import Flask

app = Flask(__name__)
app.config["UPLOAD_BUCKET"] = os.environ["UPLOAD_BUCKET"]  # expect: env-var-undeclared

if __name__ == "__main__":
    # Run by hand during development; the deployment serves `app` with a WSGI server.
    app.run(port=int(os.environ["DEV_PORT"]))
