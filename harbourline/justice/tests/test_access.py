"""Who sees the justice section: every role, in the agency concerned and in another agency, on the
investigation page, its print view, the prosecution page, the workspace and the case page. Suspects'
identities reach only justice staff; the national coordinator sees the status; NGO and health roles see none
of it, even on the same case."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.cases import services as case_services

from .world import justice_world

pytestmark = pytest.mark.django_db

NAME = "Alexander"
STATUS = "File sent for prosecution"

# role -> (investigation page, print) for a member of the agency concerned: "full", "status" or a status code.
OWN = {
    Role.POLICE_INVESTIGATOR: ("full", 200),
    Role.PROSECUTOR: ("full", 200),
    Role.NATIONAL_COORDINATOR: ("status", 403),
}
OTHER = {
    Role.POLICE_INVESTIGATOR: (404, 404),
    Role.PROSECUTOR: (404, 404),
    Role.NATIONAL_COORDINATOR: ("status", 403),
}


def _agency(role: Role, w: dict[str, Any]) -> Agency:
    return {Role.POLICE_INVESTIGATOR: w["police"], Role.PROSECUTOR: w["dpp"]}.get(role, w["owner"])


@pytest.fixture
def w() -> dict[str, Any]:
    return justice_world()


def _check(response: Any, expected: object) -> None:
    body = response.content.decode()
    if expected == "full":
        assert response.status_code == 200 and NAME in body
    elif expected == "status":
        assert response.status_code == 200 and STATUS in body and NAME not in body and "Rupert" not in body
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("relation", ["own", "other"])
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_investigation_page_and_print_by_role(role: Role, relation: str, w: dict[str, Any]) -> None:
    agency = _agency(role, w) if relation == "own" else AgencyFactory.create(name="Elsewhere (test)")
    user = make_user([role], agency=agency)
    client = sign_in(Client(), user)
    page, printed = (OWN if relation == "own" else OTHER).get(role, (403, 403))
    pk = w["investigation"].pk
    denied = AuditEvent.objects.filter(outcome="denied").count()
    _check(client.get(reverse("justice:investigation", args=[pk])), page)
    _check(client.get(reverse("justice:print", args=[pk])), printed)
    refusals = sum(1 for e in (page, printed) if isinstance(e, int) and e != 200)
    assert AuditEvent.objects.filter(outcome="denied").count() == denied + refusals
    prosecution = client.get(reverse("justice:prosecution", args=[w["prosecution"].pk]))
    assert prosecution.status_code == (200 if page == "full" else printed)
    if page == "full":
        assert AuditEvent.objects.filter(action="justice.investigation_viewed", actor=user).count() == 1
        assert AuditEvent.objects.filter(action="justice.investigation_printed", actor=user).count() == 1


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_the_workspace_by_role(role: Role, w: dict[str, Any]) -> None:
    client = sign_in(Client(), make_user([role], agency=_agency(role, w)))
    response = client.get(reverse("justice:workspace"))
    expected = OWN.get(role, (403,))[0]
    if expected == 403:
        assert response.status_code == 403
        return
    body = response.content.decode()
    assert response.status_code == 200 and w["investigation"].number in body and NAME not in body


@pytest.mark.parametrize(
    ("role", "agency_key", "expected"),
    [
        (Role.POLICE_INVESTIGATOR, "police", "full"),
        (Role.NATIONAL_COORDINATOR, "owner", "status"),
        (Role.CASE_MANAGER, "owner", None),
        (Role.SUPERVISOR, "owner", None),
        (Role.HEALTH_PROVIDER, "owner", None),
        (Role.SERVICE_PROVIDER, "owner", None),
    ],
)
def test_the_case_page_justice_section(
    role: Role, agency_key: str, expected: str | None, w: dict[str, Any]
) -> None:
    client = sign_in(Client(), make_user([role], agency=w[agency_key]))
    response = client.get(reverse("cases:detail", args=[w["case"].pk]))
    body = response.content.decode()
    assert response.status_code == 200
    if expected is None:
        assert "Criminal justice" not in body and w["investigation"].number not in body
    else:
        assert "Criminal justice" in body and STATUS in body
        assert ("Open an investigation" in body) == (expected == "full")


def test_a_police_agency_given_only_the_case_section_is_refused_the_justice_part(w: dict[str, Any]) -> None:
    other_police = AgencyFactory.create(name="Marine police (test)")
    case_services.case_share_grant(
        actor=w["supervisor"],
        case=w["case"],
        agency=other_police,
        sections=["case"],
        reason="R",
        override_reason="O",
    )
    client = sign_in(Client(), make_user([Role.POLICE_INVESTIGATOR], agency=other_police))
    assert client.get(reverse("justice:investigation", args=[w["investigation"].pk])).status_code == 403
    assert client.get(reverse("justice:open", args=[w["case"].pk])).status_code == 403
    body = client.get(reverse("cases:detail", args=[w["case"].pk])).content.decode()
    assert "Criminal justice" not in body


def test_a_prosecutor_sees_no_victim_identity_without_a_share(w: dict[str, Any]) -> None:
    client = sign_in(Client(), w["prosecutor"])
    assert client.get(reverse("cases:detail", args=[w["case"].pk])).status_code == 404
    body = client.get(reverse("justice:investigation", args=[w["investigation"].pk])).content.decode()
    assert w["case"].number in body and "Marie" not in body
