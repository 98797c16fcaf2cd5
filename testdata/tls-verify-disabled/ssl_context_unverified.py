"""Low-level TLS contexts used by the ledger and SMTP integrations."""
import os
import smtplib
import ssl
import urllib.request
from ssl import CERT_NONE, CERT_REQUIRED

from .settings import settings


def ledger_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # expect: tls-verify-disabled@error
    ctx.verify_mode = ssl.CERT_NONE  # expect: tls-verify-disabled@error
    return ctx


def smtp_connection() -> smtplib.SMTP_SSL:
    context = ssl._create_unverified_context()  # expect: tls-verify-disabled@error
    return smtplib.SMTP_SSL(settings.SMTP_HOST, 465, context=context)


def download_report(url: str) -> bytes:
    # expect: tls-verify-disabled@error
    with urllib.request.urlopen(url, context=ssl._create_unverified_context(), timeout=30) as resp:
        return resp.read()


def legacy_context() -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False  # expect: tls-verify-disabled@error
    ctx.verify_mode = CERT_NONE  # expect: tls-verify-disabled@error
    return ctx


# Patches the default context of the whole process.
ssl._create_default_https_context = ssl._create_unverified_context  # expect: tls-verify-disabled@error
os.environ["PYTHONHTTPSVERIFY"] = "0"  # expect: tls-verify-disabled@error


# Verified contexts.
def verified_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile="/etc/ssl/certs/internal-ca.pem")
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def client_cert_context() -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(cafile="/etc/ssl/certs/internal-ca.pem")
    ctx.load_cert_chain("/run/secrets/client.pem", "/run/secrets/client.key")
    ctx.verify_mode = CERT_REQUIRED
    return ctx


def assert_verifying(ctx: ssl.SSLContext) -> None:
    if ctx.verify_mode == ssl.CERT_NONE or not ctx.check_hostname:
        raise RuntimeError("TLS context does not verify certificates")
