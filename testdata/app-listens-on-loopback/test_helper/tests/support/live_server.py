import threading

import uvicorn

from src.asgi import application


def start_live_server():
    thread = threading.Thread(
        target=uvicorn.run,
        args=(application,),
        kwargs={"host": "127.0.0.1", "port": 4000},
        daemon=True,
    )
    thread.start()
    return thread


if __name__ == "__main__":
    uvicorn.run(application, host="127.0.0.1", port=4000)
