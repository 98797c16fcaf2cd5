# Served code: even a local URL is what the deployed app connects with.
from pymongo import MongoClient

client = MongoClient("mongodb://app:dump-pass@127.0.0.1:27017")  # expect: hardcoded-secret
