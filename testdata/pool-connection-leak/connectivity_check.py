from psycopg2.pool import SimpleConnectionPool

pool = SimpleConnectionPool(1, 10, dsn="postgresql://db/app")


def check_database():
    try:
        conn = pool.getconn()
        pool.putconn(conn)
    except Exception as exc:
        raise RuntimeError("database unreachable") from exc
    return True


def check_version():
    try:
        conn = pool.getconn()  # expect: pool-connection-leak
        cur = conn.cursor()
        cur.execute("SELECT version()")
        version = cur.fetchone()[0]
        pool.putconn(conn)
    except Exception as exc:
        raise RuntimeError("database unreachable") from exc
    return version
