from typing import NamedTuple

from fastapi import APIRouter

router = APIRouter()


class StatusResponse(NamedTuple):
    error_message: str | None
    balance_msat: int


class FundingSource:
    async def status(self) -> StatusResponse:
        # What a funding source's status check returns is shown on the operator's status page.
        try:
            balance = await self.rpc.channel_balance()
        except Exception as exc:
            return StatusResponse(f"Unable to connect, got: '{exc}'", 0)
        return StatusResponse(None, balance)

    async def create_invoice(self, amount: int) -> "InvoiceResponse":
        try:
            return InvoiceResponse(ok=True, payment_request=await self.rpc.add_invoice(amount))
        except Exception as exc:
            return InvoiceResponse(ok=False, error_message=str(exc))  # expect: error-details-leak


def download_item(item):
    try:
        return fetch_item(item)
    except Exception as e:
        return _create_document_failure(item, f"Failed to download: {e}", e)


@router.get("/status")
async def public_status():
    try:
        return await check_backends()
    except Exception as exc:
        return StatusResponse(f"Unable to connect, got: '{exc}'", 0)  # expect: error-details-leak


def format_exception(error: dict) -> str:
    return f"{error['loc']}: {error['msg']}"


def make_dependable(cls):
    def init_and_handle_errors(*args, **kwargs):
        try:
            return cls(*args, **kwargs)
        except ValidationError as e:
            raise HTTPException(422, detail=[format_exception(ex) for ex in e.errors()]) from None

    return init_and_handle_errors
