from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload


def user_posts(db: Session, user_ids: list[int]):
    result = {}
    for uid in user_ids:
        result[uid] = db.query(Post).filter(Post.user_id == uid).all()  # expect: n-plus-one-query
    return result


def user_posts_batched(db: Session, user_ids: list[int]):
    users = db.scalars(select(User).where(User.id.in_(user_ids)).options(selectinload(User.posts))).all()
    return {u.id: u.posts for u in users}


def mark_seen(conn, rows):
    cur = conn.cursor()
    for row in rows:
        cur.execute("UPDATE users SET seen = 1 WHERE id = %s", (row["id"],))  # expect: n-plus-one-query
    conn.commit()


def mark_seen_batched(conn, rows):
    cur = conn.cursor()
    ids = [row["id"] for row in rows]
    cur.execute("UPDATE users SET seen = 1 WHERE id = ANY(%s)", (ids,))
    conn.commit()


def retry(conn):
    for _ in range(3):
        try:
            conn.execute("SELECT 1")
            return True
        except Exception:
            continue
    return False


def paged(conn):
    offset = 0
    while True:
        rows = conn.execute("SELECT id FROM events ORDER BY id LIMIT 100 OFFSET %s", (offset,)).fetchall()
        if not rows:
            break
        offset += len(rows)
