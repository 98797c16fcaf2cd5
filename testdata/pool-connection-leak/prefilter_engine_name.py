# A receiver named by its assignment from create_engine, not by an `engine` word.
from sqlalchemy import create_engine

db = create_engine("postgresql://app@db/app")


def list_orders():
    conn = db.connect()  # expect: pool-connection-leak
    rows = conn.execute("SELECT id FROM orders").all()
    conn.close()
    return rows
