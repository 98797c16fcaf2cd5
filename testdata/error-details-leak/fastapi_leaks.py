import traceback

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.exception_handler(Exception)
async def global_exception_handler(request: Request, exc: Exception):
    return JSONResponse(  # expect: error-details-leak
        status_code=500,
        content={"error": "Internal Server Error", "message": str(exc)},
    )


@app.get("/users/{user_id}")
async def get_user(user_id: int):
    try:
        return await get_user_by_id(user_id)
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))  # expect: error-details-leak


@app.get("/report")
async def report():
    try:
        return build_report()
    except Exception:
        return {"error": traceback.format_exc()}  # expect: error-details-leak
