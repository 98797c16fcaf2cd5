def by_tag(cursor, tag):
    sql = """
        SELECT id FROM projects
    """
    sql += " WHERE tag = '{}'".format(tag)
    cursor.execute(sql)  # expect: sql-interpolation
