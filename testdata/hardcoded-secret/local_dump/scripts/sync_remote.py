# A script that reaches a shared server: its password is live.
from pymongo import MongoClient

client = MongoClient("mongodb://off:dump-pass@mongo.internal:27017")  # expect: hardcoded-secret
