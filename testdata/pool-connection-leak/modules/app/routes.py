import app.pg
from app.db import acquire_db, release_db, report_title, run_query


def list_orders(customer_id):
    conn = acquire_db()  # expect: pool-connection-leak
    cur = conn.cursor()
    cur.execute("SELECT * FROM orders WHERE customer_id = %s", (customer_id,))
    rows = cur.fetchall()
    conn.close()
    return rows


def count_orders():
    conn = app.pg.get_conn()  # expect: pool-connection-leak
    cur = conn.cursor()
    cur.execute("SELECT COUNT(*) FROM orders")
    return cur.fetchone()[0]


def archive_order(order_id):
    conn = acquire_db()
    try:
        cur = conn.cursor()
        cur.execute("UPDATE orders SET archived = true WHERE id = %s", (order_id,))
    finally:
        release_db(conn)


def order_total(order_id):
    return run_query("SELECT SUM(amount) FROM lines WHERE order_id = %s", (order_id,))


def title():
    text = report_title()
    return text.strip()


class OrderRepository:
    def find(self, order_id):
        conn = acquire_db()  # expect: pool-connection-leak
        cur = conn.cursor()
        cur.execute("SELECT * FROM orders WHERE id = %s", (order_id,))
        return cur.fetchone()
