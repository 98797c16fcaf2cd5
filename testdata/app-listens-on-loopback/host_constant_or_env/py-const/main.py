import uvicorn
from fastapi import FastAPI

app = FastAPI()
HOST = "127.0.0.1"

if __name__ == "__main__":
    # expect: app-listens-on-loopback
    uvicorn.run(app, host=HOST, port=8000)
