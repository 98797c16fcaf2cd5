def copy_rollback(source, target):
    row = source.fetchone()
    # Doubling quotes is the SQL way to quote text: quiet.
    statement = str(row[0]).replace("'", "''")
    target.execute(f"INSERT INTO rollback_log (statement) VALUES ('{statement}')")


def archive_row(source, target):
    row = source.fetchone()
    # A backslash before each quote, backslashes left alone: `\'` in the data closes the string.
    undo = str(row[1]).replace("'", "\\'")
    target.execute(f"INSERT INTO archive (undo_sql) VALUES ('{undo}')")  # expect: sql-interpolation


def archive_raw(source, target):
    row = source.fetchone()
    redo = str(row[0]).replace("'", r"\'")
    target.execute("INSERT INTO archive (redo_sql) VALUES ('%s')" % redo)  # expect: sql-interpolation


def archive_escaped(source, target):
    row = source.fetchone()
    # Backslashes escaped first, then quotes: quiet.
    redo = str(row[0]).replace("\\", "\\\\").replace("'", "\\'")
    target.execute(f"INSERT INTO archive (redo_sql) VALUES ('{redo}')")
