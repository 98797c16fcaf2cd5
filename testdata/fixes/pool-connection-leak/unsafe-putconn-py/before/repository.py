from psycopg2 import pool

db_pool = pool.SimpleConnectionPool(1, 10, dsn="postgresql://app@db/app")


def find_user(user_id):
    conn = db_pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))
    row = cur.fetchone()
    db_pool.putconn(conn)
    return row


def rename_user(user_id, name):
    conn = db_pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
        conn.commit()
        db_pool.putconn(conn)
    except Exception:
        conn.rollback()
        raise
