import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()
host = "127.0.0.1"


def serve(host):
    uvicorn.run(app, host=host, port=8000)


if __name__ == "__main__":
    serve(os.environ.get("BIND_ADDRESS", "0.0.0.0"))
