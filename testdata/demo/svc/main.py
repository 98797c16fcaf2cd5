"""Stock service: stock levels and reservations per SKU (FastAPI, psycopg 3)."""
import os

import requests
from fastapi import FastAPI, HTTPException
from psycopg_pool import ConnectionPool
from pydantic import BaseModel

DATABASE_URL = os.environ["DATABASE_URL"]
SUPPLIER_URL = os.environ["SUPPLIER_URL"]

STOCK_COLUMNS = "sku, on_hand, reserved"

pool = ConnectionPool(DATABASE_URL, min_size=1, max_size=10)
app = FastAPI(title="stock")


class Reservation(BaseModel):
    sku: str
    quantity: int


def as_stock(row) -> dict:
    return {"sku": row[0], "on_hand": row[1], "reserved": row[2]}


@app.get("/healthz")
def healthz():
    return {"ok": True}


@app.get("/stock/{sku}")
def get_stock(sku: str):
    with pool.connection() as conn, conn.cursor() as cur:
        cur.execute(f"SELECT {STOCK_COLUMNS} FROM stock WHERE sku = '{sku}'")
        row = cur.fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="unknown sku")
    return as_stock(row)


@app.get("/stock")
def list_stock(limit: int = 50, offset: int = 0):
    with pool.connection() as conn, conn.cursor() as cur:
        cur.execute(
            f"SELECT {STOCK_COLUMNS} FROM stock ORDER BY sku LIMIT %s OFFSET %s",
            (min(limit, 200), offset),
        )
        rows = cur.fetchall()
    return [as_stock(r) for r in rows]


@app.post("/reservations", status_code=201)
def reserve(body: Reservation):
    with pool.connection() as conn, conn.cursor() as cur:
        cur.execute(
            "UPDATE stock SET reserved = reserved + %s WHERE sku = %s AND on_hand - reserved >= %s RETURNING sku",
            (body.quantity, body.sku, body.quantity),
        )
        if cur.fetchone() is None:
            raise HTTPException(status_code=409, detail="not enough stock")
    return {"sku": body.sku, "reserved": body.quantity}


@app.get("/stock/{sku}/supplier")
def supplier_stock(sku: str):
    resp = requests.get(f"{SUPPLIER_URL}/stock/{sku}", verify=False, timeout=10)
    resp.raise_for_status()
    return resp.json()


@app.get("/suppliers")
def suppliers():
    resp = requests.get(f"{SUPPLIER_URL}/suppliers", timeout=10)
    resp.raise_for_status()
    return resp.json()
