# A condition on anything but an opt-out setting does not make the switch a choice: reported.
import os
import ssl

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_context():
    context = ssl.create_default_context()
    if REDIS_URL.startswith("rediss://"):
        context.check_hostname = False  # expect: tls-verify-disabled
        context.verify_mode = ssl.CERT_NONE  # expect: tls-verify-disabled
    return context


def smtp_context(host):
    # A condition naming the host is no opt-out: reported.
    context = ssl.create_default_context()
    if host.endswith(".corp"):
        context.check_hostname = False  # expect: tls-verify-disabled
        context.verify_mode = ssl.CERT_NONE  # expect: tls-verify-disabled
    return context
