# A helper of the module that doubles single quotes: the standard escaping of SQL text.


def quote_literal(value):
    return "'" + str(value).replace("'", "''") + "'"


def mark_deleted(cursor, refs):
    in_list = ", ".join(quote_literal(ref) for ref in refs)
    cursor.execute(f"UPDATE sync_state SET deleted = true WHERE ref IN ({in_list})")


def mark_one(cursor, ref):
    cursor.execute("UPDATE sync_state SET deleted = true WHERE ref = %s" % quote_literal(ref))


# Quoted but not escaped: reported.
def mark_stale(cursor, refs):
    in_list = ", ".join(f"'{ref}'" for ref in refs)
    cursor.execute(f"UPDATE sync_state SET stale = true WHERE ref IN ({in_list})")  # expect: sql-interpolation


def mark_fresh(cursor, ref):
    cursor.execute(f"UPDATE sync_state SET stale = false WHERE ref = '{ref}'")  # expect: sql-interpolation
