"""Identifiers taken from a module-level list of literals are constants."""

INDEXED_COLUMNS = ["wallet_id", "created_at", "status"]


def create_indexes(cursor):
    for column in INDEXED_COLUMNS:
        cursor.execute(f"CREATE INDEX IF NOT EXISTS idx_payments_{column} ON payments ({column})")


def truncate_all(cursor, tables):
    for table in tables:
        cursor.execute(f"TRUNCATE TABLE {table}")


def create_payments(cursor, db):
    cursor.execute(f"CREATE TABLE payments (id {db.serial_primary_key}, amount {db.big_int}, memo {db.blob})")
    for column in ["amount", "memo"]:
        cursor.execute(f"CREATE INDEX idx_payments_{column} ON payments ({column})")


def rename_schema(cursor, db):
    cursor.execute(f"ALTER SCHEMA {db.name} RENAME TO archived")
