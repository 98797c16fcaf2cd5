# Credentials that look like the cases beside them are still reported.
class Settings:
    db_password: str = "password"  # expect: hardcoded-secret
    ADMIN_PASSWORD = "admin-pass-77"  # expect: hardcoded-secret


ID_PREFIXES = {
    "secret": "s3cr3t-value-",  # expect: hardcoded-secret
}

END_TOKEN = "[a9f3c2e1b7d4+x]"  # expect: hardcoded-secret

_session_key = "musicbrainz-9f3c2e1b"  # expect: hardcoded-secret


def sign(session, hmac):
    session["key"] = hmac(_session_key)


credentials = {
    "client_id": "bot-context",
    "client_secret": "bot-context-44",  # expect: hardcoded-secret
}
