# Not a test module by name, and no test framework in it: under tests/ all the same, which the
# rule does not check.
def orders_of(conn, customer):
    with conn.cursor() as cur:
        cur.execute(f"SELECT * FROM orders WHERE customer = '{customer}'")
        return cur.fetchall()
