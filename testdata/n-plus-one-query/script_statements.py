from psycopg import sql
from sqlalchemy import text
from sqlalchemy.schema import DropConstraint


def run_script(engine, sql_lines):
    # Each line of the script is its own statement.
    with engine.connect() as connection:
        for line in sql_lines:
            if line and not line.startswith("--"):
                connection.execute(text(line))


def create_indexes(cursor, indexes, table):
    for index in indexes:
        query = sql.SQL(index).format(table=sql.Identifier(table))
        cursor.execute(query)


def drop_keys(connection, foreign_keys):
    for fkey in foreign_keys:
        connection.execute(DropConstraint(fkey))


def touch_users(connection, user_ids):
    # The item is a value of the statement, not the statement: one lookup per user.
    for user_id in user_ids:
        connection.execute(text("UPDATE users SET seen = 1 WHERE id = :id"), {"id": user_id})  # expect: n-plus-one-query
