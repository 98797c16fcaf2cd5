from django.db import connection
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Lookup(BaseModel):
    id: str


def rows_after(cursor, rows_max, sql):
    # `rows_max + 1` raises for text: a number.
    cursor.execute("SELECT * FROM ({0}) AS q LIMIT {1}".format(sql, rows_max + 1))


def watched_by(queryset, user):
    # A model's primary key and the model's own table name.
    table = queryset.model._meta.db_table
    sql = "SELECT count(*) FROM watchers WHERE watchers.object_id = {tbl}.id AND watchers.user_id = {user_id}"
    return queryset.extra(select={"watched": sql.format(tbl=table, user_id=user.id)})


def filter_queryset(request, queryset, view):
    sql = "SELECT 1 FROM memberships WHERE memberships.user_id = {uid} AND memberships.project_id = {tbl}.id"
    return queryset.extra(where=[sql.format(uid=request.user.id, tbl=queryset.model._meta.db_table)])


def tagged(cursor, tag):
    # `tag + "%"` is text: reported.
    cursor.execute("SELECT * FROM posts WHERE tag LIKE '{}'".format(tag + "%"))  # expect: sql-interpolation


@app.post("/lookup")
def lookup(body: Lookup):
    # A request body model's `id` is client text: reported.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM items WHERE id = '{body.id}'")  # expect: sql-interpolation
        return cursor.fetchall()
