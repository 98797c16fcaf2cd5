# Credentials shaped a little like ids, classifications or type names are still reported.
DB = {"host": "db.internal", "user": "app", "password": "secret"}  # expect: hardcoded-secret
ADMIN = {"password": "p4ss.word"}  # expect: hardcoded-secret
API_KEY = "api_key"  # expect: hardcoded-secret
SECRET_KEY = "secret_key_value"  # expect: hardcoded-secret
LDAP = {"url": "ldaps://ldap.corp.internal", "root_password": "1234"}  # expect: hardcoded-secret
SESSION_KEY = "_k9Lq2Vx7Nw4"  # expect: hardcoded-secret
MAPPERS = {"api_token": "~k9Lq2Vx7Nw4"}  # expect: hardcoded-secret
