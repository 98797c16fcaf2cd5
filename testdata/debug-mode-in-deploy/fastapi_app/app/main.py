from fastapi import FastAPI

app = FastAPI(title="Orders", debug=True)  # expect: debug-mode-in-deploy


@app.get("/health")
def health():
    return {"status": "ok"}
