# Routes only the deployment's own services call: a path or router prefix with an
# `internal` segment. Quiet there; a public router with the same handler is reported.
from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/internal/jobs", include_in_schema=False)
public = APIRouter(prefix="/jobs")
api = APIRouter()


@router.post("/run")
async def run_job(payload: dict):
    try:
        return await start_job(payload)
    except Exception as e:
        raise HTTPException(status_code=500, detail=f"Failed to start job: {e}")


@api.get("/api/internal/queue-depth")
async def queue_depth():
    try:
        return {"depth": await count_queue()}
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))


@public.post("/run")
async def run_public_job(payload: dict):
    try:
        return await start_job(payload)
    except Exception as e:
        raise HTTPException(status_code=500, detail=f"Failed to start job: {e}")  # expect: error-details-leak


@api.get("/api/internals-report")
async def internals_report():
    try:
        return {"report": await build_report()}
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))  # expect: error-details-leak
