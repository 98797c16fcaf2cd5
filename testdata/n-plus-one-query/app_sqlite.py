import sqlite3

DB = "app.db"


def mark_seen(user_ids):
    # The application's own database file: a loop of statements per user is still reported.
    conn = sqlite3.connect(DB)
    for user_id in user_ids:
        conn.execute("UPDATE users SET seen = 1 WHERE id = ?", (user_id,))  # expect: n-plus-one-query
    conn.commit()
