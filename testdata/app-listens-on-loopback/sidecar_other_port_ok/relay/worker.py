import uvicorn
from fastapi import FastAPI

relay = FastAPI()


@relay.post("/relay")
def relay_message():
    return {"sent": True}


uvicorn.run(relay, host="127.0.0.1", port=9100)
