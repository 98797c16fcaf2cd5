import enum


class Resource(str, enum.Enum):
    WORKFLOW = "wf"
    SECRET = "secret"
    USER = "user"


class Integration:
    AUTH_PASSWORD = "password"
    AUTH_METHOD_CHOICES = [(AUTH_PASSWORD, "Password")]


ID_PREFIXES = {
    "secret": "secret-",
    "organization_secret": "secret-",
    "schedule": "sch-",
}

END_TOKEN = "[TURN_END]"
EOS_TOKEN = "<|endoftext|>"

_session_key = "musicbrainz"


def remember(session, **values):
    if _session_key not in session:
        session[_session_key] = dict()
    session[_session_key].update(**values)
    return session.get(_session_key)


credentials = {
    "client_id": "bot-context",
    "client_secret": "bot-context",  # placeholder: the bot context needs no OAuth app
}
