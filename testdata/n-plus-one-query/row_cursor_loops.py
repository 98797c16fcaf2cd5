"""A while loop that reads rows one by one iterates rows like a for loop."""


def order_items(conn):
    cur = conn.cursor()
    cur.execute("SELECT id FROM orders WHERE status = 'open'")
    items = {}
    item_cur = conn.cursor()
    while True:
        row = cur.fetchone()
        if row is None:
            break
        item_cur.execute("SELECT * FROM items WHERE order_id = %s", (row[0],))  # expect: n-plus-one-query
        items[row[0]] = item_cur.fetchall()
    return items


def drain_queue(conn):
    # Polling: each query takes the next job, whatever the previous one held.
    cur = conn.cursor()
    while True:
        cur.execute("SELECT id FROM jobs WHERE taken = false LIMIT 1")
        job = cur.fetchone()
        if job is None:
            break
        cur.execute("UPDATE jobs SET taken = true WHERE id = %s", (job[0],))


def totals(conn, customer_ids):
    cur = conn.cursor()
    out = []
    for i in range(len(customer_ids)):
        cur.execute("SELECT total FROM orders WHERE customer_id = %s", (customer_ids[i],))  # expect: n-plus-one-query
        while True:
            row = cur.fetchone()
            if row is None:
                break
            out.append(row[0])
    return out
