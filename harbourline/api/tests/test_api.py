from __future__ import annotations

import pytest
from django.test import Client

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.country.services import country_load

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/v1/me/", "/api/v1/agencies/", "/api/v1/districts/", "/api/v1/schema/"]
)
def test_anonymous_and_half_logged_in_clients_get_403(path: str) -> None:
    assert Client().get(path).status_code == 403
    half = Client()
    half.force_login(make_user([Role.ADMINISTRATOR]))  # password only, no second factor
    assert half.get(path).status_code in {302, 403}


def test_me_lists_roles_and_permissions_and_is_never_cached() -> None:
    response = sign_in(Client(), make_user([Role.SUPERVISOR])).get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["roles"] == ["supervisor"]
    assert "case.approve" in response.json()["permissions"]
    assert "no-store" in response["Cache-Control"]


def test_agencies_and_districts_come_from_the_country_profile() -> None:
    country_load(name="saint_lucia")
    client = sign_in(Client(), make_user([Role.ANALYST]))
    assert len(client.get("/api/v1/districts/").json()) == 10
    assert "Royal Saint Lucia Police Force" in {a["name"] for a in client.get("/api/v1/agencies/").json()}


def test_the_openapi_schema_is_served_to_administrators_only() -> None:
    admin = sign_in(Client(), make_user([Role.ADMINISTRATOR])).get("/api/v1/schema/", {"format": "json"})
    assert admin.status_code == 200
    assert admin.json()["openapi"].startswith("3.")
    assert sign_in(Client(), make_user([Role.TRAINER])).get("/api/v1/schema/").status_code == 403
