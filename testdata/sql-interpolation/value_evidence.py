# The evidence the rule asks for, in Python: a value position and a value from outside.
from django.db import connection
from django.db.models.expressions import RawSQL

from .constants import Roles


# Quiet: model metadata, quoted.
def approximate_count(model):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = '%s'" % model._meta.db_table)
        return cursor.fetchone()[0]


# Quiet: a sequence named as text is a relation.
class AutoNumberField:
    def pre_save(self, instance, add):
        return RawSQL(f"nextval('{self.name}_seq'::regclass)", ())


def resync(db_table, db_column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setval('{db_column}_seq', count) FROM (SELECT COUNT(*) FROM {db_table}) AS c")


# Quiet: an apostrophe in a SQL comment opens no string.
def dependants(fields_table, max_depth):
    return RawSQL(
        f"""
        -- the dependant's own row is skipped
        SELECT id FROM {fields_table} WHERE depth <= %s
        """,
        (max_depth,),
    )


# Quiet: constants, a private helper called with constants, a literal default, DDL.
def by_role(cursor):
    cursor.execute(f"SELECT * FROM acl WHERE role = '{Roles.OWNER}'")


def _count_kind(cursor, kind):
    cursor.execute(f"SELECT count(*) FROM events WHERE kind = '{kind}'")


def count_defaults(cursor):
    _count_kind(cursor, "signup")
    _count_kind(cursor, "login")


def stale(cursor, interval="2 minutes"):
    cursor.execute(f"SELECT * FROM pg_prepared_xacts WHERE prepared < NOW() - INTERVAL '{interval}'")


def create_schema(cursor, schema):
    cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")


# Reported: a parameter compared as a value, quoted, or in an IN list.
def orders_for(cursor, customer, ids):
    cursor.execute(f"SELECT * FROM orders WHERE customer = {customer}")  # expect: sql-interpolation@warning
    cursor.execute(f"SELECT * FROM orders WHERE note LIKE '%{customer}%'")  # expect: sql-interpolation@warning
    cursor.execute(f"SELECT * FROM orders WHERE id IN ({', '.join(str(i) for i in ids)})")  # expect: sql-interpolation@warning


# Reported: a private helper called with a public function's parameter.
def _delete_tag(cursor, tag):
    cursor.execute(f"DELETE FROM posts WHERE tag = '{tag}'")  # expect: sql-interpolation@warning


def purge_tag(cursor, tag):
    _delete_tag(cursor, tag)


# Reported: configuration in a quoted string.
class SearchIndex:
    def index_text(self, cursor, body):
        cursor.execute(f"SELECT to_tsvector('{self.config.language}', %s)", (body,))  # expect: sql-interpolation@warning
