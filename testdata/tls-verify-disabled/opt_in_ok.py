# libpq's sslmode chosen by the operator: `require` encrypts without verifying, by choice;
# `verify-ca` / `verify-full` turn checking on. Quiet.
import os
import ssl

import redis

POSTGRES_SSLMODE = os.environ.get("POSTGRES_SSLMODE", "")


def ssl_context():
    if POSTGRES_SSLMODE == "require":
        verify_mode, check_hostname = ssl.CERT_NONE, False
    else:
        verify_mode, check_hostname = ssl.CERT_REQUIRED, True
    context = ssl.create_default_context()
    context.check_hostname = check_hostname
    context.verify_mode = verify_mode
    return context


def redis_client(settings):
    return (
        redis.Redis.from_url(settings.REDIS_URL, ssl_cert_reqs=None)
        if settings.REDIS_ALLOW_SELF_SIGNED
        else redis.Redis.from_url(settings.REDIS_URL)
    )


def send_mail(host, port, message, ignore_cert_errors: bool = False):
    # A per-call "ignore certificate errors" option, off unless the caller asks for it.
    context = ssl.create_default_context()
    if ignore_cert_errors:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context
