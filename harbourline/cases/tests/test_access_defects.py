"""The access defects found on the running system (issue 8 items 1, 3, 4, 5, 6; issue 12's plan-item and
case-filing points). Each test failed before the fix."""

from __future__ import annotations

import datetime
import io
import uuid
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from PIL import Image

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent

from .. import services
from ..models import Case, CaseShare, PlanItem
from ..selectors import CaseSearch, case_list_for_user, possible_duplicates
from .factories import make_case

pytestmark = pytest.mark.django_db


def _denied() -> int:
    return AuditEvent.objects.filter(outcome="denied").count()


@pytest.fixture
def shared(agency: Any, other_agency: Any) -> dict[str, Any]:
    """A Human Services case shared with the police (case and identity sections, with consent)."""
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    services.consent_record(
        actor=supervisor,
        case=case,
        purpose="sharing",
        agency=other_agency,
        given_on=datetime.date(2026, 3, 3),
        method="written",
    )
    share = services.case_share_grant(
        actor=supervisor,
        case=case,
        agency=other_agency,
        sections=["case", "identity"],
        reason="Investigation",
    )
    police = make_user([Role.POLICE_INVESTIGATOR], agency=other_agency)
    return {"supervisor": supervisor, "case": case, "share": share, "police": police, "agency": agency}


# --- 1. A partner agency that was shown a case cannot rewrite it -------------------------------------------


def test_a_partner_agency_cannot_change_the_case_facts_or_the_identity_through_the_pages(
    shared: dict[str, Any],
) -> None:
    case, police = shared["case"], shared["police"]
    client = sign_in(Client(), police)
    assert client.get(f"/cases/{case.pk}/").status_code == 200  # the share works
    denied = _denied()
    summary = client.post(
        f"/cases/{case.pk}/edit/",
        {"version": case.version, "intake_source": "ngo", "summary": "Rewritten by the police"},
    )
    identity = client.post(
        f"/cases/{case.pk}/identity/edit/",
        {"version": case.version, "given_names": "Changed", "family_name": "Name", "document_number": "X1"},
    )
    assert summary.status_code == 403 and identity.status_code == 403
    assert _denied() == denied + 2  # one 'denied' row per refused request
    assert "Only the agency that owns the case" in summary.content.decode()
    fresh = Case.objects.select_related("person").get(pk=case.pk)
    assert fresh.summary == case.summary and fresh.person.given_names == "Marie"
    assert fresh.person.document_number == "R1234567"


def test_a_partner_agency_cannot_change_the_case_through_the_services(shared: dict[str, Any]) -> None:
    case, police = shared["case"], shared["police"]
    with pytest.raises(PermissionDenied):
        services.case_update(actor=police, case=case, version=case.version, summary="Rewritten")
    with pytest.raises(PermissionDenied):
        services.person_update(actor=police, case=case, version=case.version, document_number="X1")
    fresh = Case.objects.select_related("person").get(pk=case.pk)
    assert fresh.summary == case.summary and fresh.person.document_number == "R1234567"


def test_a_partner_agency_adds_its_own_notes_only_in_a_section_it_was_given(
    shared: dict[str, Any], other_agency: Any
) -> None:
    case, supervisor, police = shared["case"], shared["supervisor"], shared["police"]
    with pytest.raises(PermissionDenied):  # notes were not shared
        services.note_add(actor=police, case=case, text="Statement taken")
    services.case_share_grant(
        actor=supervisor, case=case, agency=other_agency, sections=["notes"], reason="Joint work"
    )
    note = services.note_add(actor=police, case=case, text="Statement taken")
    assert note.author_agency == other_agency


def test_a_provider_agency_records_only_the_service_it_gives(agency: Any, other_agency: Any) -> None:
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    services.case_share_grant(
        actor=supervisor,
        case=case,
        agency=other_agency,
        sections=["plan"],
        reason="Shelter",
        override_reason="o",
    )
    theirs = services.plan_item_save(actor=supervisor, case=case, category="shelter", provider=other_agency)
    others = services.plan_item_save(actor=supervisor, case=case, category="legal")
    shelter = make_user([Role.SERVICE_PROVIDER], agency=other_agency)
    done = services.plan_item_save(
        actor=shelter, case=case, item=theirs, version=theirs.version, status="delivered", outcome="Housed"
    )
    assert done.status == "delivered"
    with pytest.raises(PermissionDenied):  # not the shelter's service
        services.plan_item_save(
            actor=shelter, case=case, item=others, version=others.version, status="cancelled"
        )
    with pytest.raises(PermissionDenied):  # the need itself is the owning agency's
        services.plan_item_save(
            actor=shelter, case=case, item=theirs, version=done.version, description="Rewritten"
        )
    with pytest.raises(PermissionDenied):
        services.plan_item_save(actor=shelter, case=case, category="medical")
    assert PlanItem.objects.get(pk=others.pk).status == "planned"
    assert PlanItem.objects.get(pk=theirs.pk).description == ""


# --- 3. Identity search follows can_search_identity; duplicates stay inside the agency ------------------------


def test_exact_search_by_identity_finds_nothing_through_a_share_without_the_identity_section(
    agency: Any, other_agency: Any
) -> None:
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    services.case_share_grant(
        actor=supervisor,
        case=case,
        agency=other_agency,
        sections=["case"],
        reason="r",
        override_reason="urgent",
    )
    partner = make_user([Role.CASE_MANAGER], agency=other_agency)
    assert [r.pk for r in case_list_for_user(partner, CaseSearch(number=case.number))] == [case.pk]
    assert case_list_for_user(partner, CaseSearch(name="Marie")) == []
    assert case_list_for_user(partner, CaseSearch(document_number="R1234567")) == []
    assert case_list_for_user(partner, CaseSearch(date_of_birth=datetime.date(1998, 3, 14))) == []
    [row] = case_list_for_user(partner, CaseSearch())
    assert row.initials == "—"  # the list does not reveal the identity section either


def test_the_coordinator_cannot_search_by_identity(agency: Any) -> None:
    case = make_case(make_user([Role.SUPERVISOR], agency=agency))
    coordinator = make_user([Role.NATIONAL_COORDINATOR])
    with pytest.raises(PermissionDenied):
        case_list_for_user(coordinator, CaseSearch(name="Marie"))
    [row] = case_list_for_user(coordinator, CaseSearch())  # the national list: numbers, never initials
    assert row.pk == case.pk and row.initials == "—"
    before = _denied()
    response = sign_in(Client(), coordinator).get("/cases/", {"q": "Marie"})
    assert response.status_code == 403 and _denied() == before + 1
    assert case.number not in response.content.decode()


def test_a_duplicate_in_another_agency_is_not_revealed(agency: Any, other_agency: Any) -> None:
    theirs = make_case(make_user([Role.SUPERVISOR], agency=other_agency))
    mine_user = make_user([Role.CASE_MANAGER], agency=agency)
    client = sign_in(Client(), mine_user)
    data = {
        "given_names": "Marie",
        "family_name": "Jn Baptiste",
        "gender": "Feminine",
        "intake_source": "ngo",
        "document_type": "passport",
        "document_number": "R1234567",
        "date_of_birth_day": "14",
        "date_of_birth_month": "3",
        "date_of_birth_year": "1998",
        "intake_date_day": "1",
        "intake_date_month": "4",
        "intake_date_year": "2026",
    }
    page = client.post("/cases/new/", data, follow=True).content.decode()
    mine = Case.objects.exclude(pk=theirs.pk).get()
    assert other_agency.name not in page and "may already be known" not in page and theirs.number not in page
    assert possible_duplicates(mine_user, mine.person) == []
    other_supervisor = sign_in(Client(), make_user([Role.SUPERVISOR], agency=other_agency))
    assert mine.number not in other_supervisor.get("/home/").content.decode()


def test_a_possible_duplicate_appears_on_the_owning_agency_supervisors_home_panel(agency: Any) -> None:
    manager = make_user([Role.CASE_MANAGER], agency=agency)
    first = make_case(manager)
    second = make_case(manager)
    home = sign_in(Client(), make_user([Role.SUPERVISOR], agency=agency)).get("/home/").content.decode()
    assert "Possible duplicates" in home and first.number in home and second.number in home
    assert AuditEvent.objects.filter(action="case.duplicate_flagged", object_id=str(second.pk)).count() == 1


# --- 4. Every rendering of a section passes the same section check -------------------------------------------


def test_a_health_provider_given_the_identity_section_opens_the_identity_page(
    agency: Any, other_agency: Any
) -> None:
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    services.consent_record(
        actor=supervisor,
        case=case,
        purpose="sharing",
        agency=other_agency,
        given_on=datetime.date(2026, 3, 3),
        method="written",
    )
    services.case_share_grant(
        actor=supervisor,
        case=case,
        agency=other_agency,
        sections=["identity", "health"],
        reason="Medical care",
    )
    nurse = sign_in(Client(), make_user([Role.HEALTH_PROVIDER], agency=other_agency))
    response = nurse.get(f"/cases/{case.pk}/identity/")
    assert response.status_code == 200 and "Marie" in response.content.decode()
    assert nurse.get(f"/cases/{case.pk}/health/").status_code == 200


def test_print_and_identity_files_are_hidden_from_those_who_may_not_open_the_identity_page(
    agency: Any,
) -> None:
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(png, format="PNG")
    scan = services.attachment_add(
        actor=supervisor, case=case, kind="identity", filename="passport.png", data=png.getvalue()
    )
    shelter = sign_in(Client(), make_user([Role.SERVICE_PROVIDER], agency=agency))
    assert shelter.get(f"/cases/{case.pk}/identity/").status_code in {403, 404}
    printed = shelter.get(f"/cases/{case.pk}/print/").content.decode()
    assert "Marie" not in printed and "1998" not in printed
    assert "passport.png" not in shelter.get(f"/cases/{case.pk}/files/").content.decode()
    assert shelter.get(f"/cases/{case.pk}/files/{scan.pk}/").status_code in {403, 404}


# --- 5. History events are filtered like their section ---------------------------------------------------------


def test_the_history_shows_no_free_text_of_sections_the_reader_may_not_see(
    agency: Any, other_agency: Any
) -> None:
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    services.case_share_grant(
        actor=supervisor,
        case=case,
        agency=other_agency,
        sections=["plan"],
        reason="Marker-share-reason",
        override_reason="Marker-override",
    )
    services.consent_record(
        actor=supervisor, case=case, purpose="assistance", given_on=datetime.date(2026, 3, 3), method="oral"
    )
    services.person_update(actor=supervisor, case=case, version=case.version, aliases="Marker-alias")
    provider = sign_in(Client(), make_user([Role.SERVICE_PROVIDER], agency=other_agency))
    for path in ("", "print/"):
        page = provider.get(f"/cases/{case.pk}/{path}").content.decode()
        assert "Marker-share-reason" not in page, path
        assert "Person updated" not in page and "person_updated" not in page, path
    owner_page = sign_in(Client(), make_user([Role.CASE_MANAGER], agency=agency)).get(f"/cases/{case.pk}/")
    assert "Marker-share-reason" in owner_page.content.decode()


# --- 6. Withdrawing consent ends the shares resting on it; a tip's joint intake gives the case section only --


def test_withdrawing_consent_ends_the_shares_resting_on_it(shared: dict[str, Any]) -> None:
    case, supervisor, police = shared["case"], shared["supervisor"], shared["police"]
    consent = case.consents.get(purpose="sharing")
    client = sign_in(Client(), police)
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    services.consent_withdraw(
        actor=supervisor, consent=consent, withdrawn_on=datetime.date(2026, 4, 1), reason="Changed her mind"
    )
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert CaseShare.objects.get(pk=shared["share"].pk).revoked_at is not None


def test_a_supervisor_may_keep_a_share_after_withdrawal_with_a_reason_audited(shared: dict[str, Any]) -> None:
    case, supervisor = shared["case"], shared["supervisor"]
    manager = make_user([Role.CASE_MANAGER], agency=shared["agency"])
    consent = case.consents.get(purpose="sharing")
    before = _denied()
    with pytest.raises(PermissionDenied):
        services.consent_withdraw(
            actor=manager,
            consent=consent,
            withdrawn_on=datetime.date(2026, 4, 1),
            keep_shares_reason="Trial next week",
        )
    assert _denied() == before + 1
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    services.consent_withdraw(
        actor=supervisor,
        consent=consent,
        withdrawn_on=datetime.date(2026, 4, 1),
        keep_shares_reason="Trial next week",
    )
    share = CaseShare.objects.get(pk=shared["share"].pk)
    assert share.revoked_at is None and share.consent_override_reason == "Trial next week"
    assert AuditEvent.objects.filter(
        action="case.share_kept_without_consent", object_id=str(case.pk)
    ).exists()


def _tip() -> Any:
    from harbourline.public.tips import services as tips

    return tips.tip_submit(
        idempotency_key=uuid.uuid4(),
        language="en",
        what_happened="Children at a farm",
        contact_choice="anonymous",
    ).tip


def test_a_tip_becomes_a_case_whose_second_agency_gets_only_the_case_section(
    agency: Any, other_agency: Any
) -> None:
    from harbourline.public.tips import services as tips

    officer = make_user([Role.TRIAGE_OFFICER])
    case = tips.tip_convert_to_case(
        actor=officer, tip=_tip(), owning_agency=agency, share_with=[other_agency]
    )
    share = CaseShare.objects.get(case=case)
    assert share.agency == other_agency and share.sections == ["case"]
    assert AuditEvent.objects.filter(action="case.joint_intake", object_id=str(case.pk)).count() == 1
    police = sign_in(Client(), make_user([Role.POLICE_INVESTIGATOR], agency=other_agency))
    assert police.get(f"/cases/{case.pk}/").status_code == 200
    assert police.get(f"/cases/{case.pk}/identity/").status_code == 403


def test_the_tip_conversion_checks_the_triage_permission_itself(agency: Any) -> None:
    from harbourline.public.tips import services as tips
    from harbourline.public.tips.models import Tip

    tip = _tip()
    before = _denied()
    with pytest.raises(PermissionDenied):
        tips.tip_convert_to_case(
            actor=make_user([Role.CASE_MANAGER], agency=agency), tip=tip, owning_agency=agency, share_with=[]
        )
    assert _denied() == before + 1
    assert Case.objects.count() == 0 and Tip.objects.get(pk=tip.pk).case_id is None


# --- issue 12: plan-item versions, filing into another agency, reads of the plan-item form -------------------


def test_a_plan_item_save_without_the_version_is_refused_as_stale(agency: Any) -> None:
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    item = services.plan_item_save(actor=supervisor, case=case, category="medical", status="planned")
    services.plan_item_save(actor=supervisor, case=case, item=item, version=item.version, status="requested")
    with pytest.raises(services.StaleEdit):
        services.plan_item_save(actor=supervisor, case=case, item=item, status="cancelled")
    assert PlanItem.objects.get(pk=item.pk).status == "requested"


def test_a_case_creator_cannot_file_a_case_into_another_agency(agency: Any, other_agency: Any) -> None:
    manager = make_user([Role.CASE_MANAGER], agency=agency)
    with pytest.raises(PermissionDenied):
        services.case_create(
            actor=manager, owning_agency=other_agency, intake_source="ngo", person={"given_names": "A"}
        )
    assert Case.objects.count() == 0
    client = sign_in(Client(), manager)
    response = client.post(
        "/cases/new/",
        {
            "given_names": "A",
            "gender": "Feminine",
            "intake_source": "ngo",
            "owning_agency": other_agency.pk,
            "intake_date_day": "1",
            "intake_date_month": "4",
            "intake_date_year": "2026",
        },
    )
    assert response.status_code in {200, 403} and Case.objects.count() == 0


def test_opening_the_plan_item_form_writes_an_audit_row(agency: Any) -> None:
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    item = services.plan_item_save(actor=supervisor, case=case, category="medical", description="Marker-plan")
    client = sign_in(Client(), make_user([Role.CASE_MANAGER], agency=agency))
    before = AuditEvent.objects.filter(action="case.viewed", object_id=str(case.pk)).count()
    assert client.get(f"/cases/{case.pk}/plan/{item.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="case.viewed", object_id=str(case.pk)).count() == before + 1
