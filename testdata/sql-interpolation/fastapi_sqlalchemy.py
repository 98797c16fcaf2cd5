"""Reporting API: FastAPI endpoints over SQLAlchemy sessions and an asyncpg pool."""
import os
from typing import Optional

import asyncpg
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .db import engine, get_pool, get_session
from .models import Order

router = APIRouter(prefix="/reports")

REPORTING_SCHEMA = os.environ.get("REPORTING_SCHEMA", "reporting")
ORDERS_TABLE = "orders"


@router.get("/orders/{order_id}")
def read_order(order_id: int, session: Session = Depends(get_session)):
    # An `int` path parameter: FastAPI rejects anything but a number before the call.
    row = session.execute(text(f"SELECT id, total FROM orders WHERE id = {order_id}")).first()
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row._mapping)


@router.get("/orders")
def list_orders(status: str = "paid", limit: int = 50, session: Session = Depends(get_session)):
    stmt = text(f"SELECT id, total FROM orders WHERE status = '{status}' LIMIT {limit}")
    rows = session.execute(stmt).all()  # expect: sql-interpolation@error
    return [dict(r._mapping) for r in rows]


@router.delete("/sessions/{user_id}")
def drop_sessions(user_id: str):
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM sessions WHERE user_id = '" + user_id + "'"))  # expect: sql-interpolation@error
    return {"ok": True}


@router.get("/customers")
def customers_by_country(country: Optional[str] = None, session: Session = Depends(get_session)):
    sql = "SELECT id, name FROM customers WHERE country = '%s'" % country
    return [dict(r._mapping) for r in session.execute(text(sql))]  # expect: sql-interpolation@error


@router.post("/tenants/{tenant}/touch")
async def touch_tenant(tenant: str, pool: asyncpg.Pool = Depends(get_pool)):
    async with pool.acquire() as conn:
        await conn.execute(f"UPDATE tenants SET touched_at = now() WHERE slug = '{tenant}'")  # expect: sql-interpolation@error
    return {"ok": True}


# Bound parameters and the query builder: nothing to report.
@router.get("/orders/{order_id}/safe")
def read_order_safe(order_id: int, session: Session = Depends(get_session)):
    row = session.execute(text("SELECT id, total FROM orders WHERE id = :id"), {"id": order_id}).first()
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row._mapping)


@router.get("/orders/{order_id}/orm")
def read_order_orm(order_id: int, session: Session = Depends(get_session)):
    order = session.execute(select(Order).where(Order.id == order_id)).scalar_one_or_none()
    if order is None:
        raise HTTPException(status_code=404)
    return {"id": order.id, "total": str(order.total)}


@router.get("/tenants/{tenant}")
async def read_tenant(tenant: str, pool: asyncpg.Pool = Depends(get_pool)):
    async with pool.acquire() as conn:
        row = await conn.fetchrow(f"SELECT slug, plan FROM {ORDERS_TABLE}_tenants WHERE slug = $1", tenant)
    return dict(row) if row else None


# Helpers called by scheduled jobs: names and DDL from the program are not reported.
def daily_sales(session: Session):
    return session.execute(text(f"SELECT day, total FROM {REPORTING_SCHEMA}.daily_sales ORDER BY day")).all()


def prune_audit_log(connection, days: int) -> None:
    # `days: int` holds a number, not text.
    connection.execute("DELETE FROM audit_log WHERE created_at < date('now', '-%d days')" % days)


async def rename_tenant_schema(conn: asyncpg.Connection, old: str, new: str) -> None:
    await conn.execute(f'ALTER SCHEMA "{old}" RENAME TO "{new}"')
