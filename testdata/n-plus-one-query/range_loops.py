def balances(cur, ids):
    out = {}
    for i in range(len(ids)):
        cur.execute("SELECT total FROM ledger WHERE id = %s", (ids[i],))  # expect: n-plus-one-query
        out[i] = fmt(cur.fetchone())
    return out


def touch(session, users):
    for i in range(len(users)):
        users[i].last = session.get(User, users[i].id)  # expect: n-plus-one-query


# Look-alikes: a retry loop whose query does not change, paging that stops on an empty
# page, and one batched query after a loop that only builds the ids.
def retry(conn):
    for attempt in range(3):
        try:
            return conn.execute("SELECT 1")
        except Exception:
            continue


def pages(cur):
    out = []
    for page in range(1000):
        cur.execute("SELECT id FROM events WHERE bucket = %s", (page,))
        rows = cur.fetchall()
        if not rows:
            break
        out.extend(rows)
    return out


def batched(cur, rows):
    ids = [None] * len(rows)
    for i in range(len(rows)):
        ids[i] = rows[i]["id"]
    cur.execute("SELECT * FROM users WHERE id = ANY(%s)", (ids,))
    return cur.fetchall()
