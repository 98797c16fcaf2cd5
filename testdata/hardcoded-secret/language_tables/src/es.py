# Not a translation folder: a password here is a password.
DB = {"user": "app", "password": "Contrasena9"}  # expect: hardcoded-secret
