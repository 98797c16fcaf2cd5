from enum import Enum


class AccountErrorCode(Enum):
    INVALID = "invalid"
    INVALID_PASSWORD = "invalid_password"
    JWT_INVALID_TOKEN = "jwt_invalid_token"
    NOT_FOUND = "not_found"


class ConfigurationTypeField:
    STRING = "String"
    BOOLEAN = "Boolean"
    SECRET = "Secret"
    PASSWORD = "Password"


class UserNotifyEvent:
    ACCOUNT_CONFIRMATION = "account_confirmation"
    ACCOUNT_SET_CUSTOMER_PASSWORD = "account_set_customer_password"
    ORDER_CONFIRMED = "order_confirmed"


FIELD_LABELS = {
    "email": "Email address",
    "password": "Password",
    "api_key": "API key",
}

COLUMNS = {"id": "id", "password": "password", "reset_token": "resetToken"}
