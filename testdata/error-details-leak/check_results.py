from fastapi import APIRouter

router = APIRouter()


@router.post("/hooks/validate")
async def validate_hook(payload: HookPayload):
    try:
        await ping_endpoint(payload.url)
        return HookValidateResponse(status="passed")
    except Exception as exc:
        return HookValidateResponse(status="cannot_connect", error_message=str(exc))


@router.post("/integrations/{provider}/test")
async def test_integration(provider: str):
    try:
        await request_token(provider)
        return IntegrationTestConnectionResponse(success=True)
    except Exception as e:
        return IntegrationTestConnectionResponse(success=False, error=f"could not connect: {e}")


@router.post("/expressions/validate")
async def validate_expression(payload: ExpressionPayload):
    try:
        parse_expression(payload.text)
        return ExpressionValidationResponse(is_valid=True, errors=[])
    except Exception as e:
        return ExpressionValidationResponse(is_valid=False, errors=[ExpressionError(message=str(e))])


@router.get("/hooks/{hook_id}")
async def get_hook(hook_id: str):
    try:
        return await load_hook(hook_id)
    except Exception as exc:
        return HookDetailsResponse(error_message=str(exc))  # expect: error-details-leak


@router.get("/reports/latest")
async def latest_report():
    try:
        return await load_latest_report()
    except Exception as exc:
        return LatestReportResponse(error=str(exc))  # expect: error-details-leak


@router.post("/watches/{watch_id}/conditions/verify")
async def verify_condition(watch_id: str, payload: ConditionPayload):
    try:
        return {"passes": await run_condition(watch_id, payload.rule)}
    except Exception as e:
        return {"status": "error", "message": f"could not verify the condition: {e}"}


@router.post("/watches/{watch_id}/conditions")
async def save_condition(watch_id: str, payload: ConditionPayload):
    try:
        return {"saved": await store_condition(watch_id, payload.rule)}
    except Exception as e:
        return {"status": "error", "message": f"could not save the condition: {e}"}  # expect: error-details-leak
