from pymongo import MongoClient


def seed(client: MongoClient):
    client.shop.users.insert_many([
        {"name": "stan", "password": "bigbrain"},
    ])
    client.shop.users.insert_one({"name": "partner", "password": "worktogether"})
