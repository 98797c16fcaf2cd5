# Connections taken through a function of this module that returns them.
from psycopg2.pool import SimpleConnectionPool

pool = SimpleConnectionPool(1, 10, dsn="postgresql://app@db/shop")


def get_conn():
    return pool.getconn()


def acquire_db():
    conn = pool.getconn()
    conn.autocommit = True
    return conn


def list_orders(customer_id):
    conn = get_conn()  # expect: pool-connection-leak
    cur = conn.cursor()
    cur.execute("SELECT * FROM orders WHERE customer_id = %s", (customer_id,))
    rows = cur.fetchall()
    pool.putconn(conn)
    return rows


def count_orders():
    conn = acquire_db()  # expect: pool-connection-leak
    cur = conn.cursor()
    cur.execute("SELECT COUNT(*) FROM orders")
    return cur.fetchone()[0]


def archive_order(order_id):
    conn = get_conn()
    try:
        cur = conn.cursor()
        cur.execute("UPDATE orders SET archived = true WHERE id = %s", (order_id,))
    finally:
        pool.putconn(conn)


def fresh_connection():
    return acquire_db()
