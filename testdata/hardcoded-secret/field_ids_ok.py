# Message ids, classifications, type names and store keys under secret-like names.
MESSAGES = {
    "username": "label.username",
    "password": "label.password",
    "new_password": "label.new-password",
}

FIELD_VISIBILITY = {
    "host": "public",
    "port": "public",
    "password": "secret",
    "private_key": "secret",
}


def go_type(node):
    if not node.get("properties"):
        return {"token": "map[string]interface{}", "comment": "free-form object"}
    return {"token": "int32"}


KV_UNSTRUCTURED_API_KEY = "unstructured_api_key"
CA_KEY_SECRET_KEY = "ca.key"

LDAP = {
    "url": "ldaps://ldap.example.com",
    "root_dn": "cn=app,ou=system-users,dc=example,dc=com",
    "root_password": "1234",
}

NEW_REFRESH_TOKEN_SESSION_KEY = "_app_new_refresh_token"
CODEGEN_MAPPERS = {"EmbedToken": "@/modules/embed/types#EmbedTokenReturn"}
