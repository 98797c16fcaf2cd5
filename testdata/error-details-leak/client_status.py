from django.conf import settings
from django.http import JsonResponse
from fastapi import APIRouter, HTTPException

router = APIRouter()


@router.get("/items/{value}")
async def item(value: str):
    try:
        return {"item": load_item(value)}
    except Exception as exc:
        raise HTTPException(status_code=500, detail=str(exc)) from exc  # expect: error-details-leak


def decode_view(request):
    try:
        return JsonResponse(decode(request.GET["q"]))
    except Exception as exc:
        if settings.DEBUG:
            print("debugging")
        return JsonResponse({"error": str(exc)}, status=500)  # expect: error-details-leak
