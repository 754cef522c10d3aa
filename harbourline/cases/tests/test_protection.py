"""The Act's protections on a case: what is refused, what is recorded, and what the figures and alerts show."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.audit.models import AuditEvent
from harbourline.core.tests.snapshot import changed, database_values

from .. import services
from ..figures import VictimCounts, victims_by_status, with_victim_status
from ..lifecycle import TransitionRefused
from ..models import Case, ReintegrationContact
from ..selectors_protection import non_punishment_alerts, overdue_follow_ups
from ..services.protection import _add_months
from .factories import case_worker, make_case

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)


def _unchanged(call, message_field: str) -> None:
    before = database_values()
    with pytest.raises(ValidationError) as raised:
        call()
    assert message_field in raised.value.message_dict
    assert changed(before, database_values()) == []


def test_s22_information_is_recorded_with_what_when_language_and_by_whom(agency):
    worker = case_worker(agency, Role.CASE_MANAGER)
    case = make_case(case_worker(agency))
    info = services.victim_information_record(
        actor=worker,
        case=case,
        topics=["immigration", "legal_rights", "nonsense"],
        given_on=TODAY,
        language="Spanish",
        interpreter_used=True,
        given_by="M. Joseph, case manager",
    )
    assert info.topics == ["legal_rights", "immigration"] and info.recorded_by == worker
    assert AuditEvent.objects.filter(action="case.s22_information_recorded", object_id=str(case.pk)).exists()
    assert case.events.filter(kind="s22_information").exists()


def test_s22_information_refuses_a_future_date_and_a_missing_language(agency):
    worker = case_worker(agency, Role.CASE_MANAGER)
    case = make_case(case_worker(agency))
    common = {"actor": worker, "case": case, "topics": ["legal_rights"], "given_by": "A"}
    _unchanged(
        lambda: services.victim_information_record(**common, given_on=TOMORROW, language="Spanish"),
        "given_on",
    )
    _unchanged(lambda: services.victim_information_record(**common, given_on=TODAY, language=" "), "language")


def test_detention_needs_exigent_circumstances_and_limited_contact_needs_a_reason(agency):
    worker = case_worker(agency, Role.CASE_MANAGER)
    case = make_case(case_worker(agency))
    _unchanged(
        lambda: services.accommodation_record(
            actor=worker, case=case, kind="detention", from_date=TODAY, voluntary=False
        ),
        "exigent_circumstances",
    )
    _unchanged(
        lambda: services.accommodation_record(
            actor=worker, case=case, kind="shelter", from_date=TODAY, voluntary=True, contact_allowed=False
        ),
        "contact_limits",
    )
    stay = services.accommodation_record(
        actor=worker,
        case=case,
        kind="detention",
        from_date=TODAY,
        voluntary=False,
        exigent_circumstances="Held overnight by immigration before the screening; moved next morning.",
    )
    assert stay.exigent_circumstances.startswith("Held overnight")
    shelter = services.accommodation_record(
        actor=worker, case=case, kind="shelter", from_date=TODAY, voluntary=True, exigent_circumstances="x"
    )
    assert shelter.voluntary and shelter.contact_allowed and shelter.exigent_circumstances == ""


def test_an_open_charge_linked_to_trafficking_alerts_the_case_page_and_the_supervisors(
    agency, other_agency, signed_in
):
    supervisor = case_worker(agency)
    worker = case_worker(agency, Role.CASE_MANAGER)
    case = make_case(supervisor)
    elsewhere = case_worker(other_agency)
    unrelated = services.person_charge_record(
        actor=worker, case=case, offence="Shoplifting", consequence_of_trafficking=False
    )
    assert non_punishment_alerts(supervisor) == []
    charge = services.person_charge_record(
        actor=worker, case=case, offence="Illegal entry", consequence_of_trafficking=True, charged_on=TODAY
    )
    assert non_punishment_alerts(supervisor) == [case]
    assert non_punishment_alerts(elsewhere) == []
    page = signed_in(worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert (
        "non-punishment-alert" in page
        and "Illegal entry" in page
        and "Shoplifting" not in page.split("non-punishment-alert")[1].split("</div>")[0]
    )
    home = signed_in(supervisor).get(reverse("core:home")).content.decode()
    assert "Non-punishment alerts" in home and case.number in home
    _unchanged(
        lambda: services.non_punishment_decide(
            actor=worker, case=case, outcome="not_punished", decided_on=TODAY, decided_by="DPP", reasons=""
        ),
        "reasons",
    )
    services.non_punishment_decide(
        actor=worker,
        case=case,
        charge=charge,
        outcome="requested",
        decided_on=TODAY,
        decided_by="Office of the DPP",
        reasons="Entered on a passport the recruiter supplied.",
    )
    services.person_charge_record(actor=worker, case=case, charge=charge, status="withdrawn")
    assert non_punishment_alerts(supervisor) == []
    assert unrelated.status == "open"


def test_a_repatriation_needs_its_risk_assessment_and_a_return_date_not_in_the_future(agency):
    worker = case_worker(agency, Role.CASE_MANAGER)
    case = make_case(case_worker(agency))
    common = {
        "actor": worker,
        "case": case,
        "country": "GY",
        "receiving_organisation": "IOM Guyana",
        "risk_level": "medium",
    }
    _unchanged(
        lambda: services.repatriation_record(**common, status="planned", risk_assessment=""),
        "risk_assessment",
    )
    _unchanged(
        lambda: services.repatriation_record(**common, status="completed", risk_assessment="R"), "returned_on"
    )
    _unchanged(
        lambda: services.repatriation_record(
            **common, status="completed", risk_assessment="R", returned_on=TOMORROW
        ),
        "returned_on",
    )
    _unchanged(
        lambda: services.repatriation_record(
            **{**common, "country": "XX"}, status="planned", risk_assessment="R"
        ),
        "country",
    )
    planned = services.repatriation_record(
        **common, status="planned", risk_assessment="Recruiter is in prison.", planned_on=TOMORROW
    )
    assert planned.planned_on == TOMORROW


def _to_presumed(actor, case: Case) -> Case:
    case = services.case_transition(actor=actor, case=case, name="start_screening")
    return services.case_transition(actor=actor, case=case, name="presume_victim", reason="Indicators met")


def test_a_child_case_cannot_start_assistance_before_the_child_protection_referral(agency):
    supervisor = case_worker(agency)
    case = make_case(supervisor, date_of_birth=TODAY.replace(year=TODAY.year - 15))
    Case.objects.filter(pk=case.pk).update(child_involved=True)
    case = _to_presumed(supervisor, Case.objects.get(pk=case.pk))
    with pytest.raises(TransitionRefused, match="child-protection authority"):
        services.case_transition(actor=supervisor, case=case, name="start_assistance")
    assert Case.objects.get(pk=case.pk).status == "presumed_victim"
    _unchanged(
        lambda: services.child_protection_refer(actor=supervisor, case=case, referred_on=TOMORROW),
        "referred_on",
    )
    services.child_protection_refer(actor=supervisor, case=case, referred_on=TODAY, reference="HSD/26/14")
    moved = services.case_transition(
        actor=supervisor, case=Case.objects.get(pk=case.pk), name="start_assistance"
    )
    assert moved.status == "assistance"


def test_closure_schedules_follow_up_contacts_and_overdue_ones_reach_the_case_manager(agency, signed_in):
    supervisor = case_worker(agency)
    manager = case_worker(agency, Role.CASE_MANAGER)
    case = make_case(supervisor)
    Case.objects.filter(pk=case.pk).update(case_manager=manager)
    closed = services.case_close(
        actor=supervisor, case=Case.objects.get(pk=case.pk), closure_reason="reintegrated", reason="Back home"
    )
    contacts = list(ReintegrationContact.objects.filter(case=closed))
    assert [(c.months_after, c.due_on) for c in contacts] == [
        (m, _add_months(TODAY, m)) for m in (1, 3, 6, 12)
    ]
    assert overdue_follow_ups(manager) == []
    ReintegrationContact.objects.filter(pk=contacts[0].pk).update(due_on=TODAY - datetime.timedelta(days=3))
    assert [c.pk for c in overdue_follow_ups(manager)] == [contacts[0].pk]
    home = signed_in(manager).get(reverse("core:home")).content.decode()
    assert "Overdue follow-up after closure" in home and case.number in home
    services.reintegration_contact_record(
        actor=manager, contact=contacts[0], done_on=TODAY, outcome="Working at a hotel, doing well."
    )
    assert overdue_follow_ups(manager) == []
    assert _add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)


def test_a_negative_decision_can_be_reviewed_and_a_positive_one_cannot(agency):
    supervisor = case_worker(agency)
    case = _to_presumed(supervisor, make_case(supervisor))
    decision = services.identification_decide(
        actor=supervisor,
        case=case,
        identified=False,
        deciding_body="Task force",
        decided_on=TODAY,
        basis="No",
    )
    review = services.identification_review_record(
        actor=supervisor, decision=decision, lodged_on=TODAY, lodged_by="The person's attorney"
    )
    assert review.outcome == "pending"
    _unchanged(
        lambda: services.identification_review_record(
            actor=supervisor, decision=decision, review=review, outcome="upheld", decided_on=TODAY
        ),
        "reasons",
    )
    services.identification_review_record(
        actor=supervisor,
        decision=decision,
        review=review,
        outcome="overturned",
        decided_on=TODAY,
        reasons="New evidence of debt bondage.",
    )
    review.refresh_from_db()
    assert review.outcome == "overturned"
    other = _to_presumed(supervisor, make_case(supervisor, given_names="Ana"))
    positive = services.identification_decide(
        actor=supervisor,
        case=other,
        identified=True,
        deciding_body="Task force",
        decided_on=TODAY,
        basis="Yes",
    )
    with pytest.raises(ValidationError):
        services.identification_review_record(
            actor=supervisor, decision=positive, lodged_on=TODAY, lodged_by="X"
        )


def test_victims_by_status_keeps_presumed_and_confirmed_apart(agency, other_agency):
    supervisor = case_worker(agency)
    unresolved = make_case(supervisor)
    presumed = _to_presumed(supervisor, make_case(supervisor, given_names="B"))
    confirmed = _to_presumed(supervisor, make_case(supervisor, given_names="C"))
    services.identification_decide(
        actor=supervisor, case=confirmed, identified=True, deciding_body="T", decided_on=TODAY, basis="Yes"
    )
    rejected = _to_presumed(supervisor, make_case(supervisor, given_names="D"))
    services.identification_decide(
        actor=supervisor, case=rejected, identified=False, deciding_body="T", decided_on=TODAY, basis="No"
    )
    # A presumed victim who was assisted and then closed stays presumed, never confirmed.
    assisted = services.case_transition(
        actor=supervisor,
        case=_to_presumed(supervisor, make_case(supervisor, given_names="E")),
        name="start_assistance",
    )
    services.case_close(actor=supervisor, case=assisted, closure_reason="reintegrated", reason="Done")
    expected = VictimCounts(confirmed=1, presumed=2, not_a_victim=1, unresolved=1)
    assert victims_by_status(supervisor) == expected
    coordinator = make_user([Role.NATIONAL_COORDINATOR], agency=other_agency)
    assert victims_by_status(coordinator) == expected
    assert victims_by_status(case_worker(other_agency)) == VictimCounts()
    assert victims_by_status(supervisor, since=TOMORROW) == VictimCounts()
    statuses = dict(with_victim_status(Case.objects.all()).values_list("pk", "victim_status"))
    assert statuses[unresolved.pk] == "unresolved" and statuses[presumed.pk] == "presumed"
    assert expected.rows()[0] == ("confirmed", "Confirmed (identified) victims", 1)


def test_the_protection_page_records_information_and_refuses_other_agencies(agency, other_agency, signed_in):
    manager = case_worker(agency, Role.CASE_MANAGER)
    case = make_case(case_worker(agency))
    client = signed_in(manager)
    assert client.get(reverse("cases:act_protections", args=[case.pk])).status_code == 200
    response = client.post(
        reverse("cases:act_record", args=[case.pk, "information"]),
        {
            "topics": ["legal_rights", "proceedings"],
            "given_on_day": TODAY.day,
            "given_on_month": TODAY.month,
            "given_on_year": TODAY.year,
            "language": "Spanish",
            "given_by": "M. Joseph",
        },
    )
    assert response.status_code == 302
    assert case.information_given.get().language == "Spanish"
    stranger = signed_in(case_worker(other_agency))
    assert stranger.get(reverse("cases:act_protections", args=[case.pk])).status_code == 404
    assert stranger.get(reverse("cases:act_record", args=[case.pk, "repatriation"])).status_code == 404
    bad = client.post(
        reverse("cases:act_record", args=[case.pk, "accommodation"]),
        {
            "kind": "detention",
            "from_date_day": TODAY.day,
            "from_date_month": TODAY.month,
            "from_date_year": TODAY.year,
            "voluntary": "no",
            "contact_allowed": "yes",
        },
    )
    assert bad.status_code == 200 and "s.24(6)" in bad.content.decode()
    assert not case.accommodations.exists()


def test_the_purge_clears_the_free_text_of_the_acts_records(agency):
    supervisor = case_worker(agency)
    case = make_case(supervisor)
    services.victim_information_record(
        actor=supervisor,
        case=case,
        topics=["legal_rights"],
        given_on=TODAY,
        language="Spanish",
        given_by="A B",
    )
    services.repatriation_record(
        actor=supervisor,
        case=case,
        country="GY",
        status="planned",
        receiving_organisation="IOM",
        risk_level="low",
        risk_assessment="Uncle in Linden is safe.",
    )
    closed = services.case_close(actor=supervisor, case=case, closure_reason="returned", reason="Home")
    services.case_purge(actor=None, case=closed)
    assert case.information_given.get().given_by == "" and case.information_given.get().language == "Spanish"
    assert case.repatriations.get().risk_assessment == "" and case.repatriations.get().country == "GY"
