def rename(cursor, uid, name):
    cursor.execute(  # expect: sql-interpolation
        """
        UPDATE users SET name = '%s' WHERE id = %s
        """ % (name, uid)
    )
