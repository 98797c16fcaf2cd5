"""Clients for partner APIs: requests, httpx and aiohttp."""
import logging
import os

import aiohttp
import httpx
import requests

from .settings import settings

log = logging.getLogger(__name__)

PARTNER_URL = "https://partner.internal.example.com"


def fetch_rates(currency: str) -> dict:
    resp = requests.get(f"{PARTNER_URL}/rates/{currency}", verify=False, timeout=10)  # expect: tls-verify-disabled@error
    resp.raise_for_status()
    return resp.json()


def push_invoice(invoice: dict) -> None:
    resp = requests.post(
        f"{PARTNER_URL}/invoices",
        json=invoice,
        # expect: tls-verify-disabled@error
        verify=False,
        timeout=10,
    )
    resp.raise_for_status()


def legacy_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = "billing/1.4"
    return session


def fetch_statement(session: requests.Session, statement_id: str) -> bytes:
    resp = session.request("GET", f"{PARTNER_URL}/statements/{statement_id}", verify=False, timeout=30)  # expect: tls-verify-disabled@error
    return resp.content


partner_client = httpx.Client(base_url=PARTNER_URL, verify=False, timeout=10.0)  # expect: tls-verify-disabled@error


async def fetch_inventory(sku: str) -> dict:
    async with httpx.AsyncClient(verify=False) as client:  # expect: tls-verify-disabled@error
        resp = await client.get(f"{PARTNER_URL}/inventory/{sku}")
        return resp.json()


async def fetch_shipments(order_id: str) -> list:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{PARTNER_URL}/shipments/{order_id}", ssl=False) as resp:  # expect: tls-verify-disabled@error
            return await resp.json()


async def stream_events() -> None:
    connector = aiohttp.TCPConnector(ssl=False, limit=20)  # expect: tls-verify-disabled@error
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(f"{PARTNER_URL}/events") as resp:
            async for line in resp.content:
                log.debug("event %s", line)


# Look-alikes that keep verification on.
def fetch_rates_verified(currency: str) -> dict:
    resp = requests.get(f"{PARTNER_URL}/rates/{currency}", verify=True, timeout=10)
    return resp.json()


def fetch_rates_internal_ca(currency: str) -> dict:
    resp = requests.get(
        f"{PARTNER_URL}/rates/{currency}",
        verify="/etc/ssl/certs/internal-ca.pem",
        timeout=10,
    )
    return resp.json()


def fetch_rates_dev_aware(currency: str) -> dict:
    resp = requests.get(f"{PARTNER_URL}/rates/{currency}", verify=settings.DEBUG is False, timeout=10)
    return resp.json()


def fetch_with_bundle(url: str) -> bytes:
    ca_bundle = os.environ.get("REQUESTS_CA_BUNDLE", True)
    return requests.get(url, verify=ca_bundle, timeout=10).content


verified_client = httpx.Client(base_url=PARTNER_URL, verify=True, timeout=10.0)


def refuse_insecure(kwargs: dict) -> None:
    # requests.get(url, verify=False) is not allowed here.
    if kwargs.get("verify") is False:
        log.warning("refusing to call the partner API with verify=False")
        raise ValueError("verify=False is not allowed")
