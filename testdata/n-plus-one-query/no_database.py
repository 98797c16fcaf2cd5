# Calls named like queries with nothing behind them that reaches a database: an in-memory
# fake store calling its own methods and a dictionary's `get`. Neither is reported; a
# model's manager is.
from .models import Stage


class FakeStageStore:
    def __init__(self):
        self.rows = {}

    def get(self, stage_id):
        return self.rows.get(stage_id)

    def insert_one(self, stage):
        self.rows[stage["id"]] = stage

    def insert(self, stages):
        for stage in stages:
            self.insert_one(stage)
            self.get(stage["id"])


def positions(stage_ids):
    for stage_id in stage_ids:
        Stage.objects.get(pk=stage_id)  # expect: n-plus-one-query


class Database:
    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql, params):
        return self.connection.execute(sql, params)

    def names(self, user_ids):
        for user_id in user_ids:
            self.execute("SELECT name FROM users WHERE id = ?", (user_id,))  # expect: n-plus-one-query
