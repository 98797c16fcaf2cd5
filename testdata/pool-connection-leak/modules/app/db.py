# Connection helpers around one psycopg2 pool.
from psycopg2.pool import SimpleConnectionPool

pool = SimpleConnectionPool(1, 10, dsn="postgresql://app@db/shop")


def acquire_db():
    return pool.getconn()


def release_db(conn):
    pool.putconn(conn)


def run_query(sql, params):
    conn = pool.getconn()
    try:
        cur = conn.cursor()
        cur.execute(sql, params)
        return cur.fetchall()
    finally:
        pool.putconn(conn)


def report_title():
    return "Monthly report"
