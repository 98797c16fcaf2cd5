"""A statement per item that reads the database's own catalogue (the definition or status of
one schema object) reads no application row. The same loop reading application rows stays
reported."""

def review_statements(cursor, statements, owner):
    for item in statements:
        back_sql = """SELECT dbms_metadata.get_ddl(object_type, object_name, owner)
            FROM all_objects WHERE object_name = UPPER(:name) AND owner = :owner"""
        cursor.execute(back_sql, {"name": item.object_name, "owner": owner})
        cursor.execute(item.statement)
        status_sql = "SELECT status FROM ALL_OBJECTS WHERE owner = :owner AND object_name = :name"
        cursor.execute(status_sql, {"name": item.object_name, "owner": owner})


def columns_of_sources(cursor, sources):
    for source in sources:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            [source.relation],
        )


def owners_of_statements(cursor, statements):
    for item in statements:
        owner_sql = "SELECT name FROM owners WHERE object_name = :name"
        cursor.execute(owner_sql, {"name": item.object_name})  # expect: n-plus-one-query
