import uvicorn
from fastapi import FastAPI

viewer = FastAPI()


@viewer.get("/")
def index():
    return {"reports": []}


uvicorn.run(viewer, host="127.0.0.1", port=8000)
