import psycopg2

conn = psycopg2.connect(host="db", user="user", password="password") # expect: hardcoded-secret

DATABASE = {"user": "postgres", "password": "password", "host": "localhost"} # expect: hardcoded-secret

PASSWORD = "password" # expect: hardcoded-secret


class Credentials:
    USER = "admin"
    HOST = "db.internal"
    PASSWORD = "password" # expect: hardcoded-secret
