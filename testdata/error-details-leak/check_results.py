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
