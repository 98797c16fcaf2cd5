# The reporting database, through its own pool.
from psycopg2.pool import ThreadedConnectionPool

reports = ThreadedConnectionPool(1, 4, dsn="postgresql://app@reports/shop")


def get_conn():
    return reports.getconn()
