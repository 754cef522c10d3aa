"""The /api/v1 endpoints and integration tokens: access decided by the policy, at the service layer and
through HTTP with tokens of another agency, of a role without the permission, out of scope, expired, revoked."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from harbourline.accounts.models import PendingAccountChange
from harbourline.accounts.permissions import Role
from harbourline.accounts.services import account_change_approve
from harbourline.accounts.tests.factories import AgencyFactory, make_user, sign_in
from harbourline.api.models import ApiToken
from harbourline.api.services import api_token_create, api_token_revoke
from harbourline.audit.models import AuditEvent
from harbourline.cases.tests.factories import case_worker, make_case
from harbourline.reference.services import reference_import

pytestmark = pytest.mark.django_db

IN_90_DAYS = datetime.timedelta(days=90)


def _token(
    admin: Any, agency: Any, roles: list[str], scopes: list[str], *, approve_with: Any = None
) -> tuple[ApiToken, str]:
    token, raw = api_token_create(
        admin,
        name="Partner system",
        agency=agency,
        roles=roles,
        scopes=scopes,
        expires_at=timezone.now() + IN_90_DAYS,
    )
    if approve_with is not None:
        for change in PendingAccountChange.objects.filter(user=token.user, status="pending"):
            account_change_approve(approve_with, change=change)
    return token, raw


def _get(raw: str, path: str, **params: Any) -> Any:
    return Client().get(path, params, HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def world() -> dict[str, Any]:
    shelter, police = AgencyFactory.create(), AgencyFactory.create()
    manager = case_worker(shelter, Role.CASE_MANAGER)
    case = make_case(manager)
    return {
        "shelter": shelter,
        "police": police,
        "case": case,
        "admin": make_user([Role.ADMINISTRATOR]),
        "second": make_user([Role.ADMINISTRATOR]),
    }


# --- tokens at the service layer -------------------------------------------------------------------------


def test_only_an_administrator_makes_or_revokes_a_token_and_a_refusal_changes_nothing(
    world: dict[str, Any],
) -> None:
    outsider = make_user([Role.SUPERVISOR], agency=world["shelter"])
    with pytest.raises(PermissionDenied):
        api_token_create(
            outsider,
            name="x",
            agency=world["shelter"],
            roles=["analyst"],
            scopes=["reference"],
            expires_at=timezone.now() + IN_90_DAYS,
        )
    assert not ApiToken.objects.exists()
    token, _ = _token(world["admin"], world["shelter"], ["analyst"], ["reference"])
    with pytest.raises(PermissionDenied):
        api_token_revoke(outsider, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None and token.user.is_active
    assert AuditEvent.objects.filter(action="api.token_refused", outcome="denied").count() == 2


def test_bad_token_requests_say_why_and_create_nothing(world: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as error:
        api_token_create(
            world["admin"],
            name="",
            agency=world["shelter"],
            roles=["administrator", "nonsense"],
            scopes=["everything"],
            expires_at=timezone.now() - IN_90_DAYS,
        )
    text = " ".join(error.value.messages)
    assert "name" in text and "roles" in text and "scopes" in text and "expiry" in text
    assert not ApiToken.objects.exists()


def test_a_token_reading_case_content_waits_for_a_second_administrator(world: dict[str, Any]) -> None:
    token, raw = _token(world["admin"], world["shelter"], ["case_manager"], ["cases"])
    assert token.user.role_codes() == []  # nothing granted yet
    assert token.token_hash != raw and raw not in token.token_hash and token.prefix == raw[:10]
    assert _get(raw, "/api/v1/cases/").status_code == 403
    change = PendingAccountChange.objects.get(user=token.user)
    with pytest.raises(PermissionDenied):
        account_change_approve(world["admin"], change=change)  # not the one who asked
    account_change_approve(world["second"], change=change)
    assert _get(raw, "/api/v1/cases/").status_code == 200


# --- through HTTP ----------------------------------------------------------------------------------------


def test_own_agency_token_reads_its_cases_with_identity_and_every_read_is_audited(
    world: dict[str, Any],
) -> None:
    _, raw = _token(
        world["admin"], world["shelter"], ["case_manager"], ["cases"], approve_with=world["second"]
    )
    case = world["case"]
    listing = _get(raw, "/api/v1/cases/")
    assert [row["id"] for row in listing.json()["results"]] == [case.pk]
    detail = _get(raw, f"/api/v1/cases/{case.pk}/").json()
    assert detail["identity"]["family_name"] == "Jn Baptiste"
    assert detail["case"]["is_forced_labour"] is True
    person = _get(raw, f"/api/v1/persons/{case.person_id}/").json()
    assert person["identity"]["given_names"] == "Marie" and person["cases"] == [case.pk]
    actions = list(AuditEvent.objects.filter(details__via="api").values_list("action", flat=True))
    assert (
        "case.listed" in actions and "case.viewed" in actions and actions.count("case.identity_viewed") == 2
    )


def test_another_agency_token_sees_nothing_of_the_case(world: dict[str, Any]) -> None:
    _, raw = _token(
        world["admin"], world["police"], ["case_manager"], ["cases"], approve_with=world["second"]
    )
    case = world["case"]
    assert _get(raw, "/api/v1/cases/").json()["results"] == []
    assert _get(raw, f"/api/v1/cases/{case.pk}/").status_code == 404
    assert _get(raw, f"/api/v1/persons/{case.person_id}/").status_code == 404
    assert _get(raw, f"/api/v1/cases/{case.pk}/screenings/").status_code == 404


def test_screenings_of_a_readable_case_are_listed_and_audited(world: dict[str, Any]) -> None:
    _, raw = _token(
        world["admin"], world["shelter"], ["case_manager"], ["cases"], approve_with=world["second"]
    )
    response = _get(raw, f"/api/v1/cases/{world['case'].pk}/screenings/")
    assert response.status_code == 200 and response.json()["results"] == []
    assert AuditEvent.objects.filter(action="screening.viewed", object_id=str(world["case"].pk)).exists()


def test_national_view_has_no_identity_section(world: dict[str, Any]) -> None:
    _, raw = _token(
        world["admin"], world["police"], ["national_coordinator"], ["cases"], approve_with=world["second"]
    )
    detail = _get(raw, f"/api/v1/cases/{world['case'].pk}/")
    assert detail.status_code == 200
    body = detail.json()
    assert "identity" not in body and "identity" not in body["sections"] and "case" in body
    assert "identity" not in _get(raw, f"/api/v1/persons/{world['case'].person_id}/").json()


def test_role_without_the_permission_and_token_without_the_scope_are_refused(world: dict[str, Any]) -> None:
    _, trainer = _token(world["admin"], world["shelter"], ["trainer"], ["cases", "training"])
    assert _get(trainer, "/api/v1/cases/").status_code == 403
    assert _get(trainer, "/api/v1/tips/").status_code == 403
    assert _get(trainer, "/api/v1/workshops/").status_code == 200
    _, analyst = _token(world["admin"], world["shelter"], ["analyst"], ["training"])
    assert _get(analyst, "/api/v1/reference/").status_code == 403  # holds stats.view, lacks the scope


def test_expired_revoked_and_unknown_tokens_are_refused(world: dict[str, Any]) -> None:
    token, raw = _token(world["admin"], world["shelter"], ["analyst"], ["reference"])
    assert _get(raw, "/api/v1/reference/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert _get(raw, "/api/v1/reference/").status_code in {401, 403}
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + IN_90_DAYS)
    api_token_revoke(world["admin"], token=token)
    assert _get(raw, "/api/v1/reference/").status_code in {401, 403}
    assert _get("hl_" + "x" * 43, "/api/v1/reference/").status_code in {401, 403}
    assert _get(raw, "/api/v1/me/").status_code in {401, 403}


def test_tips_need_triage_and_participants_need_the_workshop(world: dict[str, Any]) -> None:
    _, triage = _token(
        world["admin"], world["shelter"], ["triage_officer"], ["tips"], approve_with=world["second"]
    )
    response = _get(triage, "/api/v1/tips/")
    assert response.status_code == 200 and response.json()["results"] == []
    assert AuditEvent.objects.filter(action="api.tips_listed").exists()
    _, trainer = _token(world["admin"], world["shelter"], ["trainer"], ["training"])
    assert _get(trainer, "/api/v1/workshops/999999/participants/").status_code == 404


def test_reference_figures_over_http(world: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("gender,ageBroad\nFemale,18--20\nFemale,-99\nMale,\n", encoding="utf-8")
    reference_import(path, name="sample")
    _, raw = _token(world["admin"], world["shelter"], ["analyst"], ["reference"])
    figures = _get(raw, "/api/v1/reference/sample/figures/", by="gender").json()
    assert sorted(figures, key=lambda f: f["gender"]) == [
        {"gender": "Female", "count": 2},
        {"gender": "Male", "count": 1},
    ]
    assert _get(raw, "/api/v1/reference/sample/figures/", by="nope").status_code == 400
    assert _get(raw, "/api/v1/reference/missing/figures/", by="gender").status_code == 404
    session = sign_in(Client(), make_user([Role.ANALYST]))
    assert session.get("/api/v1/reference/").json()["results"][0]["name"] == "sample"


def test_the_command_prints_the_token_once_and_warns_about_approval(world: dict[str, Any]) -> None:
    out = StringIO()
    call_command(
        "api_token_create",
        "--by",
        world["admin"].username,
        "--name",
        "Police records",
        "--agency",
        world["police"].short_name,
        "--role",
        "police_investigator",
        "--scope",
        "cases",
        stdout=out,
    )
    raw = next(line for line in out.getvalue().splitlines() if line.startswith("hl_"))
    assert "second administrator" in out.getvalue()
    token = ApiToken.objects.get()
    assert token.user.agency == world["police"] and not token.user.has_usable_password()
    call_command("api_token_revoke", str(token.pk), "--by", world["admin"].username, stdout=StringIO())
    assert _get(raw, "/api/v1/cases/").status_code in {401, 403}


def test_ids_beyond_what_the_database_holds_find_nothing(world: dict[str, Any]) -> None:
    _, raw = _token(
        world["admin"],
        world["shelter"],
        ["case_manager", "trainer"],
        ["cases", "training"],
        approve_with=world["second"],
    )
    for path in ["cases/{}/", "persons/{}/", "cases/{}/screenings/", "workshops/{}/participants/"]:
        assert _get(raw, "/api/v1/" + path.format(2**63)).status_code == 404, path
