from app.db import engine


def create_report(title):
    with engine.connect() as conn:
        # expect: sql-interpolation
        conn.exec_driver_sql(f"INSERT INTO reports (title) VALUES ('{title}')")
