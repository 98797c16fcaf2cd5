from pymongo import MongoClient


def connect():
    return MongoClient(host="db", username="shop", password="bigbrain")  # expect: hardcoded-secret


SETTINGS = {"user": "shop", "password": "bigbrain"}  # expect: hardcoded-secret
