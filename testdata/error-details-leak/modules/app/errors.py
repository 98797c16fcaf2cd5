from fastapi import HTTPException
from fastapi.responses import JSONResponse


def fail(detail):
    raise HTTPException(status_code=500, detail=str(detail))


def reject(detail):
    raise HTTPException(status_code=400, detail=str(detail))


def fail_quietly(detail):
    logger.error("request failed: %s", detail)
    raise HTTPException(status_code=500, detail="internal error")


def failure_response(detail):
    return JSONResponse({"error": f"failed: {detail}"}, status_code=500)


class Errors:
    @staticmethod
    def fail(detail):
        raise HTTPException(status_code=500, detail=repr(detail))
