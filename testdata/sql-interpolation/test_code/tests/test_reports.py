import pytest

from app.db import engine


@pytest.fixture
def table():
    return "reports"


def test_report_count(table):
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
    assert rows == 0
