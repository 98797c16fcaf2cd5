from functools import cache


class AccountLookup:
    def __init__(self, client):
        self.client = client

    @cache  # expect: unbounded-cache
    def profile(self, account_id):
        return self.client.get(account_id)
