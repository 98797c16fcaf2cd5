# SQL written whole in text(), given its holes by `%` on a name assigned from it.
import sqlalchemy as sa


def by_owner(conn, owner):
    stmt = sa.text(
        "SELECT id, name "  # the columns
        "FROM projects WHERE owner = '%s'"
    )
    query = stmt
    return conn.execute(query % owner)  # expect: sql-interpolation


def count(cursor, owner):
    # Whole SQL, values passed apart: no finding.
    sql = "SELECT count(*) FROM projects WHERE owner = %s"
    cursor.execute(sql, (owner,))
    return 10 % 3
