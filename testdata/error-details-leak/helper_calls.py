from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse

router = APIRouter()


def fail(detail):
    raise HTTPException(status_code=500, detail=str(detail))


def reject(detail):
    raise HTTPException(status_code=400, detail=str(detail))


def note(detail):
    logger.error("request failed: %s", detail)


def failure_response(detail):
    return JSONResponse({"error": f"failed: {detail}"}, status_code=500)


@router.get("/orders/{order_id}")
async def get_order(order_id: str):
    try:
        return await load_order(order_id)
    except Exception as e:
        fail(e)  # expect: error-details-leak


@router.get("/invoices/{invoice_id}")
async def get_invoice(invoice_id: str):
    try:
        return await load_invoice(invoice_id)
    except Exception as e:
        reject(e)


@router.get("/carts/{cart_id}")
async def get_cart(cart_id: str):
    try:
        return await load_cart(cart_id)
    except Exception as e:
        note(e)
        raise HTTPException(status_code=500, detail="internal error")


@router.get("/users/{user_id}")
async def get_user(user_id: str):
    try:
        return await load_user(user_id)
    except Exception as e:
        return failure_response(e)  # expect: error-details-leak


@router.get("/teams/{team_id}")
async def get_team(team_id: str):
    try:
        return await load_team(team_id)
    except Exception as e:
        failure_response(e)
        raise


class OrderView:
    def fail(self, detail):
        raise HTTPException(status_code=500, detail=repr(detail))

    async def get(self, order_id):
        try:
            return await load_order(order_id)
        except Exception as e:
            self.fail(e)  # expect: error-details-leak
