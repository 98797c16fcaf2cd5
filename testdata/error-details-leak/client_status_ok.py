from http import HTTPStatus

from django.conf import settings
from django.http import JsonResponse
from fastapi import APIRouter, HTTPException

router = APIRouter()


@router.get("/ids/{value}")
async def convert(value: str):
    try:
        return {"id": parse_id(value)}
    except Exception as exc:
        raise HTTPException(status_code=HTTPStatus.BAD_REQUEST, detail=str(exc)) from exc


def decode_view(request):
    try:
        return JsonResponse(decode(request.GET["q"]))
    except Exception as exc:
        if not settings.DEBUG:
            return JsonResponse({"error": "internal error"}, status=500)
        return JsonResponse({"error": str(exc)}, status=500)
