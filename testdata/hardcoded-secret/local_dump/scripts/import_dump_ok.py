# Imports a dump from the database the operator started on this machine.
from pymongo import MongoClient

client = MongoClient("mongodb://off:dump-pass@127.0.0.1", port=27017)
