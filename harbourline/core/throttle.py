"""Rate limits over the shared cache (django-ratelimit), keyed by the client address of
``harbourline.core.client_address``. The address is kept only as an HMAC in the short-lived cache, never in
the database or the logs. Limits are named in ``settings.HARBOURLINE_RATE_LIMITS`` as (requests, seconds)."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

from .client_address import client_address


def _digest(*parts: str) -> str:
    message = "\x00".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:40]


def address_of(request: HttpRequest) -> str:
    """The client address as the limits count it: an IPv6 client is its /64, which one household holds."""
    address = client_address(request)
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return address


def _usage(request: HttpRequest, name: str, value: str, increment: bool) -> bool:
    rate = settings.HARBOURLINE_RATE_LIMITS[name]
    usage = get_usage(request, group=name, key=lambda _group, _request: value, rate=rate, increment=increment)
    if not usage:
        return False
    if increment:
        return bool(usage["should_limit"])
    return bool(usage["count"] >= usage["limit"])  # asking only: is there a try left?


def limited(request: HttpRequest, name: str, *, about: str = "", count: bool = True) -> bool:
    """True when this client has used up limit ``name``. ``about`` narrows it (one participant, say), so a
    client can use up its tries for one thing and not another. ``count=False`` asks without counting."""
    return _usage(request, name, _digest(name, address_of(request), about), count)


def limited_for(request: HttpRequest, name: str, subject: str, *, count: bool = True) -> bool:
    """True when limit ``name`` is used up for ``subject`` (an email address, say), whoever asks."""
    return _usage(request, name, _digest(name, "subject", subject), count)


def too_many(request: HttpRequest, template: str = "core/errors/429.html", **context: object) -> HttpResponse:
    return render(request, template, context, status=429)
