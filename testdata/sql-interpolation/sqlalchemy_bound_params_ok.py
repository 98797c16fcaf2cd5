"""SQLAlchemy, psycopg and asyncpg code that passes values as parameters."""
import logging

import graphene
from fastapi import APIRouter, Depends
from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from .db import engine, get_session

router = APIRouter()
log = logging.getLogger(__name__)

SCHEMA = "billing"
PAGE_SIZE = 100


@router.get("/invoices/{invoice_id}")
def read_invoice(invoice_id: int, session: Session = Depends(get_session)):
    row = session.execute(
        text(f"SELECT id, amount FROM {SCHEMA}.invoices WHERE id = :id"),
        {"id": invoice_id},
    ).first()
    log.info(f"invoice {invoice_id} read")
    return dict(row._mapping) if row else None


@router.get("/invoices")
def list_invoices(status: str = "open", session: Session = Depends(get_session)):
    stmt = text(f"SELECT id, amount FROM {SCHEMA}.invoices WHERE status = :status LIMIT {PAGE_SIZE}")
    rows = session.execute(stmt, {"status": status}).all()
    return [dict(r._mapping) for r in rows]


@router.post("/invoices/void")
def void_invoices(ids: list[int], session: Session = Depends(get_session)):
    stmt = text("UPDATE billing.invoices SET status = 'void' WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    session.execute(stmt, {"ids": ids})
    session.commit()
    return {"voided": len(ids)}


def monthly_totals(year: int):
    with engine.connect() as connection:
        result = connection.execute(
            text("SELECT month, sum(amount) FROM billing.invoices WHERE year = :year GROUP BY month"),
            {"year": year},
        )
        return result.all()


def customer_emails(cur, customer_ids):
    cur.execute("SELECT id, email FROM customers WHERE id = ANY(%s)", (list(customer_ids),))
    return dict(cur.fetchall())


def rename_customer(cur, customer_id, name):
    sql = "UPDATE customers SET name = %s WHERE id = %s"
    cur.execute(sql, (name, customer_id))


async def tenant_plan(conn, slug: str):
    return await conn.execute("UPDATE tenants SET last_seen = now() WHERE slug = $1", slug)


# A GraphQL query string handed to graphene: not SQL.
class OrderType(graphene.ObjectType):
    id = graphene.ID()
    total = graphene.String()


class Query(graphene.ObjectType):
    order = graphene.Field(OrderType, id=graphene.ID(required=True))


schema = graphene.Schema(query=Query)


def order_total_via_graphql(order_id: str):
    result = schema.execute(f'{{ order(id: "{order_id}") {{ total }} }}')
    return result.data


def audit_message(user_id: int, action: str) -> str:
    return f"user {user_id} did {action}"
