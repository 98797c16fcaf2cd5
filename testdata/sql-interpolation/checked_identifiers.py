"""Identifiers and numbers constrained before they reach the SQL text."""
import re

SORTABLE = ("created_at", "title", "score")
SORT_COLUMNS = {"newest": "created_at", "title": "title"}


def list_posts(cursor, sort, direction):
    if sort not in SORTABLE:
        raise ValueError("unknown sort column")
    order = "DESC" if direction == "desc" else "ASC"
    cursor.execute(f"SELECT * FROM posts ORDER BY {sort} {order}")
    return cursor.fetchall()


def list_by_key(cursor, key):
    cursor.execute(f"SELECT * FROM posts ORDER BY {SORT_COLUMNS[key]}")
    return cursor.fetchall()


def list_checked(cursor, column):
    col = column if column in SORTABLE else "created_at"
    cursor.execute(f"SELECT * FROM posts ORDER BY {col}")
    return cursor.fetchall()


def delete_config(cursor, entry):
    config_id = int(entry["id"])
    cursor.execute(f"DELETE FROM config WHERE id={config_id}")


def purge(db, since):
    db.execute(
        f"DELETE FROM payments WHERE time < {db.timestamp_placeholder('since')}",
        {"since": since},
    )


def drop_schema(cursor, schema):
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
        raise ValueError("bad schema name")
    cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def reset_sequence(cursor, table_name):
    if '"' not in table_name and "'" not in table_name:
        cursor.execute(f'SELECT max(id) FROM "{table_name}"')


def _rank(cursor, direction, key):
    cursor.execute(f"SELECT rank() OVER (ORDER BY score {direction}) FROM scores WHERE key = %s", (key,))
    return cursor.fetchone()


def rank(cursor, key):
    return _rank(cursor, "ASC", key)


def rev_rank(cursor, key):
    return _rank(cursor, direction="DESC", key=key)


# An identifier from a parameter (`ORDER BY {sort}`) is not reported: names cannot be
# parameters, and the value is not request input here. A value in a string still is.
def list_unchecked(cursor, sort):
    if sort in SORTABLE:
        print("known column")
    cursor.execute(f"SELECT * FROM posts ORDER BY {sort}")
    return cursor.fetchall()


def by_name(cursor, name):
    cursor.execute(f"SELECT * FROM users WHERE name = '{str(name)}'")  # expect: sql-interpolation@warning
    return cursor.fetchall()


def _order(cursor, column):
    cursor.execute(f"SELECT * FROM posts ORDER BY {column}")
    return cursor.fetchall()


def ordered(cursor, column):
    return _order(cursor, column)
