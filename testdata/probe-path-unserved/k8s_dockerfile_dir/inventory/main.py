from fastapi import FastAPI

app = FastAPI()


@app.get("/ready")
def ready():
    return {"status": "ok"}


@app.get("/items/{item_id}")
def read_item(item_id: int):
    return {"id": item_id}
