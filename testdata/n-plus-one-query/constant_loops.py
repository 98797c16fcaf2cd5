"""Loops whose queries are not one lookup per row."""

METRICS = [
    ("Query results size", "SELECT pg_total_relation_size('query_results')"),
    ("Database size", "SELECT pg_database_size(current_database())"),
]


def database_metrics(session):
    out = []
    for label, query in METRICS:
        out.append((label, session.execute(query).scalar()))
    return out


def table_sizes(cursor):
    sizes = {}
    for table in ["users", "orders", "payments"]:
        cursor.execute("SELECT count(*) FROM %s" % table)
        sizes[table] = cursor.fetchone()[0]
    return sizes


def local_metrics(db):
    queries = [
        ["Users", "SELECT count(*) FROM users"],
        ["Orders", "SELECT count(*) FROM orders"],
    ]
    for name, query in queries:
        print(name, db.session.execute(query).first())


def load_extensions(con, extensions):
    for ext in extensions:
        con.execute(f"INSTALL {ext}")
        con.execute(f"LOAD {ext}")


def run_script(cursor, script):
    for statement in script.split(";"):
        cursor.execute(statement)


def kill_idle(session, processes):
    for proc in processes:
        session.execute(f"KILL {proc.id}")


# Still one lookup per row.
def order_totals(cursor, order_ids):
    totals = {}
    for order_id in order_ids:
        cursor.execute("SELECT sum(total) FROM items WHERE order_id = %s", (order_id,))  # expect: n-plus-one-query
        totals[order_id] = cursor.fetchone()[0]
    return totals
