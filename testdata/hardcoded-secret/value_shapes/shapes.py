# Values that name something else than a credential stay quiet; credentials beside them fire.
_CONFIG_SIGNING_SECRET = "auth_tokens.jwt.signing.secret"
FACTORIES = {
    "user": "app.tests.factories:User",
    "api-token": "app.tests.factories:ApiToken",
}
MASKED = {"name": r"^[^*]+\*+$", "service_api_key": r"^\*+$"}
DEFAULTS = {"provider": "openai", "api_key": "sk-proj-"}
LOCAL_SERVER_API_KEY = "Empty"
LABELS_KO = {"password": "비밀번호"}

# The look-alikes with a real value still fire.
LIVE_SIGNING_SECRET = "q8Vn2Lx7Rw4Kp9Zs"  # expect: hardcoded-secret
DEFAULTS_LIVE = {"provider": "openai", "api_key": "sk-Vn2Lx7Rw4Kp9Zsq8"}  # expect: hardcoded-secret
RESET_PASSWORD = "reset.html.x9Kq"  # expect: hardcoded-secret
FOREIGN_WITH_DIGITS = {"password": "пароль2024"}  # expect: hardcoded-secret
ENTRY_WITH_SECRET = {"api-token": "admin:Tr0ub4dor3xq"}  # expect: hardcoded-secret

# Patterns, parser markers and marked words under secret-like names stay quiet.
REGEX_HTTP_CAMERA_USER_PASS = r"user=[a-zA-Z0-9_-]+&password=[\S]+"
template_token = r"[^\W\d]\w*"
PLACEHOLDER_TOKEN = "\x91/sf\x91"
DELETED_TOKEN = "*DELETED*"
ALL_TOKEN = "#ALL"

# A password that only mentions such words still fires.
RETRY_PASSWORD = "Patt3rn#ALL"  # expect: hardcoded-secret
