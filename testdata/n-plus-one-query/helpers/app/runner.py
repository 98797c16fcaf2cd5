from app.models import Tag


def run_statement(cursor, sql):
    cursor.execute(sql)
    return cursor.fetchall()


def find_tag(tag_id):
    return Tag.objects.get(id=tag_id)


def run_script(cursor, statements):
    for statement in statements:
        run_statement(cursor, statement)


def visit_all(rows, find_tag):
    for row in rows:
        find_tag(row.id)
