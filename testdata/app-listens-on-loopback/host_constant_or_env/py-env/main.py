import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    # expect: app-listens-on-loopback
    uvicorn.run(app, host=os.getenv("HOST", "0.0.0.0"), port=8000)
