# Values under secret-like keys that are code, not credentials.
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.PasswordResetForm",
}
RATE_LIMITS = {
    "login": "5/m/ip",
    "change_password": "1/m/user",
    "reset_password": "20/h",
}
PUBLIC_FORM_ACCESS_KEY = "public_form_access"
LANGUAGE_SESSION_KEY = "ui-language"
# Plain words under an API key name label a principal; no key is checked against them.
probe_principal = Principal(api_key="health-probe", role="viewer")
verified_principal = Principal(api_key="signed-session", metadata=claims)
