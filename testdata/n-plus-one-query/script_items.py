# The statements of a script, each read from the loop's item (a field of it, cleaned up):
# each iteration runs a different statement, not a lookup of rows. A statement written in
# the code with the item as its value is a lookup per row.
import sqlparse


def check_script(cursor, statements):
    for statement in statements:
        cleaned = sqlparse.format(statement, strip_comments=True).strip()
        if not cleaned:
            continue
        cursor.execute(cleaned)


def run_items(cursor, items):
    for item in items:
        statement = item.statement
        if item.kind == "SQL":
            statement = statement.rstrip(";")
        cursor.execute(statement)


def run_pairs(cursor, statements):
    for statement in statements:
        cursor.execute(statement[0], statement[1])


def touch(cursor, users):
    for user in users:
        statement = "UPDATE users SET seen = 1 WHERE id = %s"
        cursor.execute(statement, (user.id,))  # expect: n-plus-one-query


def rename(cursor, users):
    for user in users:
        cursor.execute("UPDATE users SET name = %s WHERE id = %s", (user.name.strip(), user.id))  # expect: n-plus-one-query
