import logging
import traceback

from django.conf import settings
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

app = FastAPI()
DEBUG = False
logger = logging.getLogger(__name__)


@app.get("/users/{user_id}")
async def get_user(user_id: int):
    try:
        user = await get_user_by_id(user_id)
        if not user:
            raise HTTPException(status_code=404, detail="User not found")
        return user
    except ValueError as e:
        raise HTTPException(status_code=400, detail=str(e))


@app.exception_handler(Exception)
async def global_exception_handler(request: Request, exc: Exception):
    return JSONResponse(
        status_code=500,
        content={
            "error": "Internal Server Error",
            "message": str(exc) if DEBUG else "An error occurred",
        },
    )


def export_view(request):
    try:
        return build_export()
    except Exception as exc:
        logger.error("export failed: %s", str(exc))
        logger.error(traceback.format_exc())
        if settings.DEBUG:
            return {"error": traceback.format_exc()}
        return {"error": "export failed"}
