# A map from form field types to CSS classes: "password" is one row of the table.
def styled_fields():
    css_classes = {}
    css_classes["text"] = "input"
    css_classes["password"] = "input"
    css_classes["email"] = "input"
    widget_class = {"text": "field", "password": "field", "number": "field"}
    return css_classes, widget_class


# One sibling with the same value is a user and password pair: still reported.
def connect_settings():
    database = {"user": "admin", "password": "admin"}  # expect: hardcoded-secret
    broker = {}
    broker["user"] = "mq"
    broker["password"] = "s3cr3t-broker"  # expect: hardcoded-secret
    broker["host"] = "s3cr3t-broker"
    return database, broker
