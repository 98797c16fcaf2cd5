import os

# The module starts without the sign-in settings and only warns: the provider is optional.
if not os.environ.get("OAUTH_CLIENT_ID"):
    print("OAuth sign-in is off: OAUTH_CLIENT_ID is not set")


def token_request(code):
    # Raises when unset, but this path runs only once the provider is configured.
    return {"client_id": os.environ["OAUTH_CLIENT_ID"], "code": code}


def sign_webhook(body):
    # Read nowhere else and raising when missing: every deployment needs it.
    return (body, os.environ["WEBHOOK_SECRET"])  # expect: env-var-undeclared


def completion_args():
    # The shell sets these when it asks the program to complete a command line.
    words = os.environ["COMP_WORDS"].split()
    return words[: int(os.environ["COMP_CWORD"])]


def snap_data_dir():
    # snapd sets these for an app installed as a snap.
    return os.path.join(os.environ["SNAP_COMMON"], "data")
