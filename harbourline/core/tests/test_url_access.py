"""Every URL of the project, listed from the URL configuration (not by hand):

- anonymous requests are sent to the login page (or get 401/403 from the API), except an explicit allow-list;
- every other view declares its access (@public, @login_only or @require_perm);
- a signed-in user without the view's permission gets 403 or 404, and no value of any row changes.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from harbourline.accounts.permissions import roles_without
from harbourline.accounts.tests.factories import make_user, sign_in

from .snapshot import changed, database_values
from .urlwalk import iter_routes

# URL names anyone may open without logging in. Adding to this list is a security decision: say why.
# Apps above the platform keep their own explicit list in harbourline/<app>/access.py (PUBLIC_URL_NAMES).
PLATFORM_PUBLIC_URL_NAMES = {
    "root",  # redirects to home (which asks to log in)
    "set_language",  # language switcher
    "core:health",  # load balancer health check
    "accounts:login",
    "accounts:verify",  # second step of login (needs a pending password check)
    "accounts:setup",  # first-login enrolment (needs a pending password check)
    "accounts:first_password",  # replacing a temporary password (needs a pending password check)
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}


def _app_public_url_names() -> set[str]:
    names: set[str] = set()
    for config in apps.get_app_configs():
        if config.name.startswith("harbourline."):
            try:
                module = importlib.import_module(f"{config.name}.access")
            except ModuleNotFoundError:
                continue
            names |= set(module.PUBLIC_URL_NAMES)
    return names


PUBLIC_URL_NAMES = PLATFORM_PUBLIC_URL_NAMES | _app_public_url_names()
# Prefixes served by other machinery (static files).
IGNORED_PREFIXES = ("/static/",)

ROUTES = [r for r in iter_routes() if not r.path.startswith(IGNORED_PREFIXES)]


def test_there_are_routes_to_walk() -> None:
    assert len(ROUTES) > 15


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name or r.path)
def test_every_view_declares_its_access(route: Any) -> None:
    assert route.access in {"public", "login", "perm", "api"}, (
        f"{route.name} ({route.path}) declares no access rule"
    )
    if route.access == "public":
        assert route.name in PUBLIC_URL_NAMES, f"{route.name} is public but not on the allow-list"
    if route.name in PUBLIC_URL_NAMES:
        assert route.access == "public"


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if r.name not in PUBLIC_URL_NAMES], ids=lambda r: r.name)
def test_anonymous_is_sent_to_login(route: Any, client: Client) -> None:
    for method in ("get", "post"):
        response = getattr(client, method)(route.path)
        if route.path.startswith("/api/"):
            assert response.status_code in {401, 403}, f"{method} {route.path}"
        else:
            assert response.status_code == 302, f"{method} {route.path} gave {response.status_code}"
            assert response["Location"].startswith("/accounts/login/"), response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if r.access == "perm"], ids=lambda r: r.name)
def test_user_without_the_permission_is_refused_and_nothing_changes(route: Any) -> None:
    roles = set(roles_without(route.perms[0]))
    for perm in route.perms[1:]:
        roles &= set(roles_without(perm))
    user = make_user(sorted(roles))
    client = sign_in(Client(), user)
    for method in ("get", "post"):
        before = database_values()
        response = getattr(client, method)(route.path, {"name": "x", "status": "closed"})
        assert response.status_code in {403, 404}, f"{method} {route.path} gave {response.status_code}"
        assert changed(before, database_values()) == [], f"{method} {route.path} changed rows"
