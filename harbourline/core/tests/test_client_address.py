"""One rule for the client address, shared by the rate limits and django-axes (issue 10)."""

from __future__ import annotations

from typing import Any

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from harbourline.core.client_address import client_address


def _request(remote: str, forwarded: str | None = None) -> Any:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_connecting_address_is_the_client(settings: Any) -> None:
    settings.HARBOURLINE_TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_address_it_appended_is_the_client(settings: Any) -> None:
    settings.HARBOURLINE_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_address(_request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
    # a client that writes its own header only adds to the left of what the proxies appended
    assert client_address(_request("127.0.0.1", "198.51.100.1, 203.0.113.9")) == "203.0.113.9"
    # two trusted hops (a load balancer, then nginx): skipped from the right
    assert client_address(_request("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.1.2.3")) == "203.0.113.9"


def test_a_forwarding_header_from_outside_the_trusted_proxies_is_ignored(settings: Any) -> None:
    settings.HARBOURLINE_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_garbage_in_the_header_stops_at_the_proxy(settings: Any) -> None:
    settings.HARBOURLINE_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(_request("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_address(_request("127.0.0.1", "")) == "127.0.0.1"


@pytest.mark.parametrize("trusted", [[], ["127.0.0.1"]])
def test_axes_uses_the_same_rule(settings: Any, trusted: list[str]) -> None:
    """In production axes trusted X-Forwarded-For from anyone: a client could name any address it liked."""
    settings.HARBOURLINE_TRUSTED_PROXIES = trusted
    forged = _request("203.0.113.9", "198.51.100.1")
    assert get_client_ip_address(forged) == "203.0.113.9"
    proxied = _request("127.0.0.1", "198.51.100.1, 203.0.113.9")
    assert get_client_ip_address(proxied) == client_address(proxied)


def test_production_settings_read_the_trusted_proxies(monkeypatch: Any) -> None:
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("HARBOURLINE_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
    for name in ("config.settings.prod", "config.settings.dev", "config.settings.test"):
        sys.modules.pop("config.settings.base", None)
        sys.modules.pop(name, None)
        module = importlib.import_module(name)
        assert module.HARBOURLINE_TRUSTED_PROXIES == ["127.0.0.1", "10.0.0.0/8"]
        assert module.AXES_CLIENT_IP_CALLABLE == "harbourline.core.client_address.client_address"
        assert not hasattr(module, "AXES_IPWARE_META_PRECEDENCE_ORDER")
        sys.modules.pop(name, None)
    sys.modules.pop("config.settings.base", None)
