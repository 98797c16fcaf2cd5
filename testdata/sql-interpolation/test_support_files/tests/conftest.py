# pytest's fixture file: creates a schema per test session.
import psycopg2


def make_schema(conn, worker_id):
    schema = f"test_{worker_id}"
    with conn.cursor() as cur:
        cur.execute(f"CREATE SCHEMA {schema}")
    return schema
