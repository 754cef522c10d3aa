"""Who is asking: one rule for the client address, used by the rate limits and by django-axes.

With no trusted proxies configured (``HARBOURLINE_TRUSTED_PROXIES`` empty), the connecting address is the
client and any X-Forwarded-For header is ignored. When the connection comes from a trusted proxy, the
header is read from the right: each proxy appends the address that connected to it, so the first address
from the right that is not a trusted proxy is the client. Whatever a client writes into the header itself
lies further left and is never reached."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in proxies)
    except ValueError as exc:
        raise ImproperlyConfigured(f"HARBOURLINE_TRUSTED_PROXIES: {exc}") from exc


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "HARBOURLINE_TRUSTED_PROXIES", ())))


def _parse(value: str) -> Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address as text ("" when the connection has none, as on a Unix socket)."""
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return ""
    networks = trusted_networks()
    if not networks or not _trusted(remote, networks):
        return str(remote)
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(hop)
        if address is None:
            break  # a trusted proxy passed on something that is not an address: stop at the proxy
        client = address
        if not _trusted(address, networks):
            break
    return str(client)
