from fastapi import APIRouter

from app import answers

router = APIRouter()


@router.get("/reports/{report_id}")
async def get_report(report_id: str):
    try:
        return await load_report(report_id)
    except Exception as exc:
        answers.server_error(  # expect: error-details-leak
            exc,
        )


@router.get("/exports/{export_id}")
async def get_export(export_id: str):
    try:
        return await load_export(export_id)
    except Exception as exc:
        answers.not_found(exc)
