from psycopg2 import pool
from sqlalchemy import create_engine, text

db_pool = pool.ThreadedConnectionPool(1, 10, dsn="postgresql://app@db/app")
engine = create_engine("postgresql://app@db/app")


def find_user(user_id):
    conn = db_pool.getconn()  # expect: pool-connection-leak@error
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))
    row = cur.fetchone()
    db_pool.putconn(conn)
    return row


def find_user_safely(user_id):
    conn = db_pool.getconn()
    try:
        cur = conn.cursor()
        cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))
        return cur.fetchone()
    finally:
        db_pool.putconn(conn)


def count_orders():
    conn = None
    try:
        conn = db_pool.getconn()
        cur = conn.cursor()
        cur.execute("SELECT count(*) FROM orders")
        return cur.fetchone()[0]
    finally:
        if conn is not None:
            db_pool.putconn(conn)


def never_returned(user_id):
    conn = db_pool.getconn()  # expect: pool-connection-leak
    cur = conn.cursor()
    cur.execute("SELECT * FROM orders WHERE user_id = %s", (user_id,))
    return cur.fetchall()


def list_users():
    with engine.connect() as conn:
        return conn.execute(text("SELECT id, name FROM users")).all()


def list_orders():
    conn = engine.connect()  # expect: pool-connection-leak
    rows = conn.execute(text("SELECT id FROM orders")).all()
    conn.close()
    return rows


def raw():
    conn = engine.raw_connection()  # expect: pool-connection-leak
    cur = conn.cursor()
    cur.execute("SELECT 1")
    return cur.fetchone()


def raw_for_caller():
    conn = engine.raw_connection()
    return conn


async def fetch_events(apool):
    async with apool.acquire() as conn:
        return await conn.fetch("SELECT * FROM events")


async def fetch_users(apool):
    conn = await apool.acquire()
    try:
        return await conn.fetch("SELECT * FROM users")
    finally:
        await apool.release(conn)
