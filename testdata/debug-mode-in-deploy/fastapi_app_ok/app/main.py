import os

from fastapi import FastAPI

app = FastAPI(title="Orders", debug=os.environ.get("APP_DEBUG") == "true")


@app.get("/health")
def health():
    return {"status": "ok"}
