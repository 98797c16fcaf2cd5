# Not a test module by name, and no test framework in it: checked like any other file.
def orders_of(conn, customer):
    with conn.cursor() as cur:
        cur.execute(f"SELECT * FROM orders WHERE customer = '{customer}'")  # expect: sql-interpolation
        return cur.fetchall()
