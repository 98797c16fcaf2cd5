# The message of an error that is only tested, handed back inside an alternative of plain
# data, or wrapped in an exception of the project's own for the caller to raise: no client
# reads it here. The same shapes that do answer a client stay reported.
from fastapi import APIRouter, HTTPException

from .db import pool, store

router = APIRouter()


class StoreError(Exception):
    pass


class StoreAuthError(StoreError):
    pass


def classify_store_error(exc):
    text = str(exc).lower()
    if "password" in text:
        return StoreAuthError(str(exc))
    return StoreError(str(exc))


def http_error_for(exc):
    return HTTPException(status_code=500, detail=str(exc))


def open_connection():
    try:
        return pool.connect()
    except Exception as exc:
        raise classify_store_error(exc) from exc


def sandbox_reachable(client):
    try:
        client.list_templates()
        return True
    except Exception as e:
        return "connection" not in str(e).lower()


def insert_rows(table, rows):
    try:
        store.insert(table, rows)
        return []
    except Exception as exc:
        return [row["id"] for row in rows if row.get("id")] or [str(exc)]


@router.get("/rows/{row_id}")
def read_row(row_id: int):
    try:
        return store.get(row_id)
    except Exception as exc:
        raise http_error_for(exc) from exc  # expect: error-details-leak


@router.get("/status")
def status():
    try:
        return {"ok": store.ping()}
    except Exception as e:
        return {"ok": False, "error": str(e)} if e else {"ok": False}  # expect: error-details-leak
