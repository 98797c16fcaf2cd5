from .caching import cache


class GroupLookup:
    def __init__(self, client):
        self.client = client

    @cache
    def members(self, group_id):
        return self.client.members(group_id)
