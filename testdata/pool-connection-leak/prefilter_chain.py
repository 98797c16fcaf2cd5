# The acquisition spelled across lines: the prescan reads the receiver's name past them.


def list_orders(app_engine):
    conn = (
        app_engine  # expect: pool-connection-leak
        .connect()
    )
    rows = conn.execute("SELECT id FROM orders").all()
    conn.close()
    return rows
