# An assignment on a `with` line is still an assignment.
import threading

from sqlalchemy import create_engine

engine = create_engine("postgresql://app@db/app")
lock = threading.Lock()


def list_orders():
    with lock: conn = engine.connect()  # expect: pool-connection-leak
    rows = conn.execute("SELECT id FROM orders").all()
    conn.close()
    return rows
