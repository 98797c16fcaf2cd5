"""HTTP and cache clients that verify certificates, with the CA taken from settings."""
import logging
import ssl

import httpx
import redis
import requests
from django.conf import settings

log = logging.getLogger(__name__)

INTERNAL_CA = "/etc/ssl/certs/internal-ca.pem"


def tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=INTERNAL_CA)
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def fetch_profile(user_id: int) -> dict:
    resp = requests.get(
        f"{settings.PROFILE_SERVICE_URL}/users/{user_id}",
        verify=settings.DEBUG is False,
        timeout=5,
    )
    resp.raise_for_status()
    return resp.json()


def fetch_avatar(user_id: int) -> bytes:
    resp = requests.get(f"{settings.PROFILE_SERVICE_URL}/avatars/{user_id}", verify=INTERNAL_CA, timeout=5)
    return resp.content


profile_client = httpx.Client(base_url=settings.PROFILE_SERVICE_URL, verify=tls_context(), timeout=5.0)

cache = redis.Redis.from_url(settings.REDIS_URL, ssl_cert_reqs="required", ssl_ca_certs=INTERNAL_CA)


def log_client_config(verify) -> None:
    if verify is False:
        log.error("verify=False found in client config; certificates must be verified")
    log.info("TLS verification on, CA bundle %s (ssl.CERT_REQUIRED)", INTERNAL_CA)
