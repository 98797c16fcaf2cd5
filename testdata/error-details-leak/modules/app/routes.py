from fastapi import APIRouter

import app.errors
import app.errors as errors
from app.errors import Errors, fail, fail_quietly, failure_response, reject

router = APIRouter()


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
        errors.fail(e)  # expect: error-details-leak


@router.get("/payments/{payment_id}")
async def get_payment(payment_id: str):
    try:
        return await load_payment(payment_id)
    except Exception as e:
        app.errors.fail(e)  # expect: error-details-leak


@router.get("/teams/{team_id}")
async def get_team(team_id: str):
    try:
        return await load_team(team_id)
    except Exception as e:
        Errors.fail(e)  # expect: error-details-leak


@router.get("/users/{user_id}")
async def get_user(user_id: str):
    try:
        return await load_user(user_id)
    except Exception as e:
        return failure_response(e)  # expect: error-details-leak


@router.get("/carts/{cart_id}")
async def get_cart(cart_id: str):
    try:
        return await load_cart(cart_id)
    except Exception as e:
        reject(e)


@router.get("/groups/{group_id}")
async def get_group(group_id: str):
    try:
        return await load_group(group_id)
    except Exception as e:
        fail_quietly(e)


@router.get("/tags/{tag_id}")
async def get_tag(tag_id: str):
    try:
        return await load_tag(tag_id)
    except Exception as e:
        failure_response(e)
        raise
