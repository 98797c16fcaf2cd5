from fastapi import APIRouter, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)
router = APIRouter()


@router.post("/auth/token")
@limiter.limit("5/minute")
async def token(request: Request):
    return await issue_token(request)


@router.post("/auth/logout")
async def logout(request: Request):
    return await end_session(request)
