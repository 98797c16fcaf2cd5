def by_state(cursor, state):
    cursor.execute(  # expect: sql-interpolation
        "SELECT id FROM projects "
        f"WHERE state = '{state}'"
    )
