import sqlite3


def load_results(rows, columns):
    # A scratch database in memory: each execute is a call within the process.
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE results (a, b)")
    for row in rows:
        connection.execute("INSERT INTO results VALUES (?, ?)", [row[c] for c in columns])
    return connection


def fill_temporary(parser, temp_db_path):
    conn = sqlite3.connect(temp_db_path)
    for country in parser:
        conn.execute("INSERT INTO countries VALUES (?, ?)", (country["code"], country["name"]))
    conn.commit()
