# Credentials with word-like values are still reported.
SECRET_KEY = "kgq$h3@!vbb6*nzfz(dbze=*)zsroqa8gvc0#1gx"  # expect: hardcoded-secret
DB_PASSWORD = "forms.password.value"  # expect: hardcoded-secret
ADMIN_PASSWORD = "correct-horse-battery"  # expect: hardcoded-secret
# An API key of one word, or with digits, is still a key.
BILLING_API_KEY = "sandboxkeyvalue"  # expect: hardcoded-secret
principal = Principal(api_key="gw-9f2kq7-token")  # expect: hardcoded-secret
