from http import HTTPStatus

from fastapi import APIRouter, Depends, HTTPException

router = APIRouter()


@router.delete("/extensions/{ext_id}", dependencies=[Depends(check_admin)])
async def uninstall(ext_id: str):
    try:
        await uninstall_extension(ext_id)
    except Exception as exc:
        raise HTTPException(status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(exc)) from exc


@router.get("/extensions/{ext_id}/releases")
async def releases(ext_id: str, user: User = Depends(check_admin)):
    try:
        return await fetch_releases(ext_id)
    except Exception as exc:
        raise HTTPException(status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(exc)) from exc


@router.get("/admin/extensions/{ext_id}")
async def details(ext_id: str, user: User = Depends(check_user_exists)):
    try:
        return await fetch_details(ext_id)
    except Exception as exc:
        raise HTTPException(status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(exc)) from exc  # expect: error-details-leak


@router.post("/connector/oauth/finalize")
async def finalize(user: User = Depends(require_permission(Permission.MANAGE_CONNECTORS))):
    try:
        return await save_credential()
    except Exception as exc:
        raise HTTPException(status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(exc)) from exc


@router.put("/actions", dependencies=[Depends(require_permission(Permission.MANAGE_ACTIONS))])
async def upsert_action():
    try:
        return await save_action()
    except Exception as exc:
        raise HTTPException(status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(exc)) from exc


@router.get("/chat/history")
async def history(user: User = Depends(require_permission(Permission.READ_CHATS))):
    try:
        return await load_history(user)
    except Exception as exc:
        raise HTTPException(status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(exc)) from exc  # expect: error-details-leak


@router.get("/admin/audit/export")
async def export_audit(user: User = Depends(require_permission(Permission.READ_AUDIT_LOG))):
    try:
        return await export_audit_log()
    except Exception as exc:
        raise HTTPException(status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(exc)) from exc


@router.get("/reports/export")
async def export_reports(user: User = Depends(require_permission(Permission.READ_REPORTS))):
    try:
        return await export_report_rows()
    except Exception as exc:
        raise HTTPException(status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(exc)) from exc  # expect: error-details-leak
