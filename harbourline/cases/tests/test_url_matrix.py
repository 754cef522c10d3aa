"""Every case URL that takes an object id, listed from the URL configuration, filled with real objects of a
case of another agency:

- a user of an agency with no share gets 404 on GET and POST, exactly as for a case that does not exist,
  with one 'denied' audit row per request;
- a user of an agency given only the case section may open the case but changes nothing by any POST;

and in both cases no value of any row changes.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.core.tests.snapshot import changed, database_values
from harbourline.core.tests.urlwalk import Route, iter_routes

from .. import services
from ..models import IdentificationDecision, ReintegrationContact
from ..screening import services as screening
from ..screening.models import Instrument, InstrumentStatus
from .factories import make_case

pytestmark = pytest.mark.django_db

CASE_ROUTES = [
    r
    for r in iter_routes()
    if r.name.split(":")[0] in {"cases", "screening"}
    and ("case_id" in r.arg_names or "screening_id" in r.arg_names)
]
POST_DATA = {
    "version": "1",
    "summary": "Changed",
    "given_names": "Changed",
    "text": "A note",
    "status": "cancelled",
    "reason": "r",
    "title": "T",
    "due_on_day": "1",
    "due_on_month": "4",
    "due_on_year": "2026",
    "category": "legal",
    "sections": ["identity"],
    "agency": "1",
    "identified": "True",
    "closure_reason": "other",
    "withdrawn_on_day": "1",
    "withdrawn_on_month": "4",
    "withdrawn_on_year": "2026",
}


def test_every_case_route_is_walked() -> None:
    names = {r.name for r in CASE_ROUTES}
    assert {"cases:detail", "cases:edit", "cases:attachment", "cases:plan_item", "screening:edit"} <= names


@pytest.fixture
def world(agency: Agency, other_agency: Agency) -> dict[str, Any]:
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    today = datetime.date(2026, 3, 20)
    consent = services.consent_record(
        actor=supervisor, case=case, purpose="assistance", given_on=today, method="oral"
    )
    share = services.case_share_grant(
        actor=supervisor, case=case, agency=other_agency, sections=["case"], reason="R", override_reason="O"
    )
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(png, format="PNG")
    instrument = Instrument.objects.filter(status=InstrumentStatus.ACTIVE).first()
    negative = IdentificationDecision.objects.create(
        case=case, identified=False, deciding_body="T", decided_on=today, basis="B", recorded_by=supervisor
    )
    review = services.identification_review_record(
        actor=supervisor, decision=negative, lodged_on=today, lodged_by="Attorney"
    )
    return {
        "kind": "information",
        "charge_id": services.person_charge_record(
            actor=supervisor, case=case, offence="Overstay", consequence_of_trafficking=True
        ).pk,
        "decision_id": negative.pk,
        "review_id": review.pk,
        "contact_id": ReintegrationContact.objects.create(case=case, months_after=1, due_on=today).pk,
        "case_id": case.pk,
        "consent_id": consent.pk,
        "share_id": share.pk,
        "item_id": services.plan_item_save(actor=supervisor, case=case, category="medical").pk,
        "task_id": services.task_save(actor=supervisor, case=case, title="Visit", due_on=today).pk,
        "attachment_id": services.attachment_add(
            actor=supervisor, case=case, kind="identity", filename="p.png", data=png.getvalue()
        ).pk,
        "screening_id": screening.screening_start(
            actor=supervisor,
            case=case,
            instrument=instrument,
            interviewed_on=today,
            age_at_exploitation=12 if instrument.age_group == "child" else 30,
        ).pk,
        "name": "start_screening",
        "other": other_agency,
    }


def _path(route: Route, world: dict[str, Any]) -> str:
    return reverse(route.name, kwargs={name: world[name] for name in route.arg_names})


@pytest.mark.parametrize("route", CASE_ROUTES, ids=[r.name for r in CASE_ROUTES])
def test_another_agency_gets_not_found_and_nothing_changes(route: Route, world: dict[str, Any]) -> None:
    user = make_user([Role.SUPERVISOR], agency=Agency.objects.create(name="Far"))
    outsider = sign_in(Client(), user)
    # A view the role may not open at all answers 403 before any case is looked up (the same for any id).
    expected = 404 if any(user.has_hl_perm(p) for p in route.perms) else 403
    path = _path(route, world)
    for method in ("get", "post"):
        before, denied = database_values(), AuditEvent.objects.filter(outcome="denied").count()
        response = getattr(outsider, method)(path, POST_DATA)
        assert response.status_code in {expected, 405}, f"{method} {path} gave {response.status_code}"
        assert changed(before, database_values()) == [], f"{method} {path}"
        if response.status_code != 405:
            assert AuditEvent.objects.filter(outcome="denied").count() == denied + 1, f"{method} {path}"


@pytest.mark.parametrize("route", CASE_ROUTES, ids=[r.name for r in CASE_ROUTES])
def test_an_agency_given_only_the_case_section_changes_nothing(route: Route, world: dict[str, Any]) -> None:
    partner = sign_in(Client(), make_user([Role.SUPERVISOR], agency=world["other"]))
    path = _path(route, world)
    before = database_values()
    response = partner.post(path, POST_DATA)
    assert response.status_code in {200, 403, 404, 405}, f"post {path} gave {response.status_code}"
    assert changed(before, database_values()) == [], f"post {path}"
