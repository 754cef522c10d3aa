"""Every write service of the cases app, called directly by three users who must be refused:

- a supervisor of another agency, with no share: the case is *not found*, as a case that does not exist;
- a supervisor of an agency given every section except the one the service acts on: refused (403);
- a member of the owning agency whose role lacks the permission: refused (403), or not found when the role
  may not see the case at all.

Each refusal leaves every value of every row as it was and writes exactly one 'denied' audit row. The table
below is the whole list; a test fails when a service is added to ``services`` without a row here.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from PIL import Image

from harbourline.accounts.models import Agency, User
from harbourline.accounts.permissions import ROLE_PERMISSIONS, Perm, Role
from harbourline.accounts.tests.factories import make_user
from harbourline.audit.models import AuditEvent
from harbourline.core.tests.snapshot import changed, database_values
from harbourline.justice import services as justice

from .. import services
from ..models import IdentificationDecision, ReintegrationContact
from ..policy import section_codes
from ..screening import services as screening
from ..screening.models import Instrument, InstrumentStatus
from .factories import make_case

pytestmark = pytest.mark.django_db

World = dict[str, Any]


@dataclass(frozen=True)
class Row:
    service: str
    section: str  # the section the service acts on ("" when it acts on no existing case)
    role_without: Role  # an owning-agency role without the permission the service needs
    call: Callable[[User, World], Any]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(out, format="PNG")
    return out.getvalue()


TODAY = datetime.date(2026, 3, 20)

TABLE = [
    Row(
        "case_create",
        "",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.case_create(
            actor=u, owning_agency=w["agency"], intake_source="ngo", person={"given_names": "A"}
        ),
    ),
    Row(
        "case_intake_create",
        "",
        Role.SUPERVISOR,
        lambda u, w: services.case_intake_create(
            actor=u, owning_agency=w["agency"], intake_source="tip_line", summary="From a tip"
        ),
    ),
    Row(
        "person_update",
        "identity",
        Role.SERVICE_PROVIDER,
        lambda u, w: services.person_update(
            actor=u, case=w["case"], version=w["case"].version, given_names="X"
        ),
    ),
    Row(
        "case_update",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.case_update(actor=u, case=w["case"], version=w["case"].version, summary="X"),
    ),
    Row(
        "dependant_add",
        "identity",
        Role.SERVICE_PROVIDER,
        lambda u, w: services.dependant_add(actor=u, case=w["case"], relationship="daughter"),
    ),
    Row(
        "case_transition",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.case_transition(actor=u, case=w["case"], name="start_screening"),
    ),
    Row(
        "identification_decide",
        "case",
        Role.CASE_MANAGER,
        lambda u, w: services.identification_decide(
            actor=u, case=w["case"], identified=True, deciding_body="Task force", decided_on=TODAY, basis="B"
        ),
    ),
    Row(
        "case_close",
        "case",
        Role.CASE_MANAGER,
        lambda u, w: services.case_close(actor=u, case=w["case"], closure_reason="other", reason="R"),
    ),
    Row(
        "consent_record",
        "identity",
        Role.SERVICE_PROVIDER,
        lambda u, w: services.consent_record(
            actor=u, case=w["case"], purpose="assistance", given_on=TODAY, method="oral"
        ),
    ),
    Row(
        "consent_withdraw",
        "identity",
        Role.SERVICE_PROVIDER,
        lambda u, w: services.consent_withdraw(actor=u, consent=w["consent"], withdrawn_on=TODAY),
    ),
    Row(
        "case_share_grant",
        "case",
        Role.POLICE_INVESTIGATOR,
        lambda u, w: services.case_share_grant(
            actor=u, case=w["case"], agency=w["third"], sections=["case"], reason="R", override_reason="O"
        ),
    ),
    Row(
        "case_share_revoke",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.case_share_revoke(actor=u, share=w["third_share"], reason="R"),
    ),
    Row(
        "case_assign",
        "case",
        Role.CASE_MANAGER,
        lambda u, w: services.case_assign(actor=u, case=w["case"], worker=None, reason="R"),
    ),
    Row(
        "cases_reassign",
        "",
        Role.CASE_MANAGER,
        lambda u, w: services.cases_reassign(
            actor=u, from_worker=w["case"].case_manager, to_worker=w["case"].case_manager, reason="R"
        ),
    ),
    Row(
        "risk_assess",
        "case",
        Role.SERVICE_PROVIDER,
        lambda u, w: services.risk_assess(actor=u, case=w["case"], level="high", assessed_on=TODAY),
    ),
    Row(
        "protection_update",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.protection_update(
            actor=u, case=w["case"], version=w["case"].version, reflection_basis="X"
        ),
    ),
    Row(
        "health_update",
        "health",
        Role.CASE_MANAGER,
        lambda u, w: services.health_update(actor=u, case=w["case"], version=1, medical_notes="X"),
    ),
    Row(
        "plan_item_save",
        "plan",
        Role.SERVICE_PROVIDER,
        lambda u, w: services.plan_item_save(actor=u, case=w["case"], category="legal"),
    ),
    Row(
        "plan_item_save (update)",
        "plan",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.plan_item_save(
            actor=u, case=w["case"], item=w["item"], version=w["item"].version, status="cancelled"
        ),
    ),
    Row(
        "task_save",
        "plan",
        Role.SERVICE_PROVIDER,
        lambda u, w: services.task_save(actor=u, case=w["case"], title="T", due_on=TODAY),
    ),
    Row("task_done", "plan", Role.SERVICE_PROVIDER, lambda u, w: services.task_done(actor=u, task=w["task"])),
    Row(
        "note_add",
        "notes",
        Role.ANALYST,
        lambda u, w: services.note_add(actor=u, case=w["case"], text="N"),
    ),
    Row(
        "attachment_add",
        "identity",
        Role.SERVICE_PROVIDER,
        lambda u, w: services.attachment_add(
            actor=u, case=w["case"], kind="identity", filename="p.png", data=_png()
        ),
    ),
    Row(
        "attachment_read",
        "identity",
        Role.SERVICE_PROVIDER,
        lambda u, w: services.attachment_read(actor=u, attachment=w["attachment"]),
    ),
    Row(
        "screening_start",
        "screening",
        Role.HEALTH_PROVIDER,
        lambda u, w: screening.screening_start(
            actor=u,
            case=w["case"],
            instrument=w["instrument"],
            interviewed_on=TODAY,
            age_at_exploitation=12 if w["instrument"].age_group == "child" else 30,
        ),
    ),
    Row(
        "screening_save",
        "screening",
        Role.HEALTH_PROVIDER,
        lambda u, w: screening.screening_save(actor=u, screening=w["screening"], answers={}, complete=True),
    ),
    Row(
        "investigation_open",
        "justice",
        Role.CASE_MANAGER,
        lambda u, w: justice.investigation_open(
            actor=u, case=w["case"], opened_on=TODAY, offences=["cta_trafficking_adult"]
        ),
    ),
    Row(
        "investigation_update",
        "justice",
        Role.SUPERVISOR,
        lambda u, w: justice.investigation_update(
            actor=u, investigation=w["investigation"], version=w["investigation"].version, reference="X"
        ),
    ),
    Row(
        "investigation_link_case",
        "justice",
        Role.HEALTH_PROVIDER,
        lambda u, w: justice.investigation_link_case(
            actor=u, investigation=w["investigation"], case=w["case"]
        ),
    ),
    Row(
        "investigation_refer",
        "justice",
        Role.CASE_MANAGER,
        lambda u, w: justice.investigation_refer(
            actor=u, investigation=w["investigation"], agency=w["third"], referred_on=TODAY
        ),
    ),
    Row(
        "investigation_close",
        "justice",
        Role.SERVICE_PROVIDER,
        lambda u, w: justice.investigation_close(
            actor=u, investigation=w["investigation"], closed_on=TODAY, reason="no_offence"
        ),
    ),
    Row(
        "suspect_add",
        "justice",
        Role.CASE_MANAGER,
        lambda u, w: justice.suspect_add(actor=u, investigation=w["investigation"], given_names="S"),
    ),
    Row(
        "prosecution_open",
        "justice",
        Role.SUPERVISOR,
        lambda u, w: justice.prosecution_open(
            actor=u, investigation=w["investigation"], court="magistrate", filed_on=TODAY
        ),
    ),
    Row(
        "charge_add",
        "justice",
        Role.CASE_MANAGER,
        lambda u, w: justice.charge_add(
            actor=u,
            prosecution=w["prosecution"],
            defendant=w["suspect"],
            offence="cta_other",
            section="s. 1",
            filed_on=TODAY,
        ),
    ),
    Row(
        "charge_outcome",
        "justice",
        Role.HEALTH_PROVIDER,
        lambda u, w: justice.charge_outcome(
            actor=u, charge=w["charge"], outcome="withdrawn", outcome_on=TODAY
        ),
    ),
    Row(
        "witness_support_save",
        "justice",
        Role.SUPERVISOR,
        lambda u, w: justice.witness_support_save(
            actor=u, prosecution=w["prosecution"], case=w["case"], requested=["screen"]
        ),
    ),
    Row(
        "victim_information_record",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.victim_information_record(
            actor=u, case=w["case"], topics=["legal_rights"], given_on=TODAY, language="Spanish", given_by="A"
        ),
    ),
    Row(
        "accommodation_record",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.accommodation_record(
            actor=u, case=w["case"], kind="shelter", from_date=TODAY, voluntary=True
        ),
    ),
    Row(
        "person_charge_record",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.person_charge_record(
            actor=u, case=w["case"], offence="Illegal entry", consequence_of_trafficking=True
        ),
    ),
    Row(
        "person_charge_record (status)",
        "case",
        Role.SERVICE_PROVIDER,
        lambda u, w: services.person_charge_record(
            actor=u, case=w["case"], charge=w["person_charge"], status="withdrawn"
        ),
    ),
    Row(
        "non_punishment_decide",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.non_punishment_decide(
            actor=u, case=w["case"], outcome="not_punished", decided_on=TODAY, decided_by="DPP", reasons="R"
        ),
    ),
    Row(
        "repatriation_record",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.repatriation_record(
            actor=u,
            case=w["case"],
            country="GY",
            status="planned",
            receiving_organisation="IOM Georgetown",
            risk_level="low",
            risk_assessment="Family safe",
        ),
    ),
    Row(
        "child_protection_refer",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.child_protection_refer(actor=u, case=w["case"], referred_on=TODAY),
    ),
    Row(
        "identification_review_record",
        "case",
        Role.CASE_MANAGER,
        lambda u, w: services.identification_review_record(
            actor=u, decision=w["negative"], lodged_on=TODAY, lodged_by="The person's attorney"
        ),
    ),
    Row(
        "reintegration_contact_record",
        "case",
        Role.HEALTH_PROVIDER,
        lambda u, w: services.reintegration_contact_record(
            actor=u, contact=w["follow_up"], done_on=TODAY, outcome="Well"
        ),
    ),
]

# Services with no user to refuse: run by the retention job (actor None) or helpers that only read.
NOT_USER_ACTIONS = {"case_purge", "purge_expired", "consent_allows", "refusal_record", "StaleEdit"}


def test_the_table_covers_every_write_service() -> None:
    listed = {row.service.split(" ")[0] for row in TABLE}
    assert set(services.__all__) - NOT_USER_ACTIONS == listed - {"screening_start", "screening_save"} - set(
        justice.__all__
    )
    assert set(justice.__all__) <= listed


def _world(agency: Agency, shared_with: Agency, third: Agency, sections: list[str]) -> World:
    supervisor = make_user([Role.SUPERVISOR], agency=agency)
    case = make_case(supervisor)
    consent = services.consent_record(
        actor=supervisor, case=case, purpose="sharing", agency=third, given_on=TODAY, method="written"
    )
    third_share = services.case_share_grant(
        actor=supervisor, case=case, agency=third, sections=["plan"], reason="Shelter"
    )
    if sections:
        services.case_share_grant(
            actor=supervisor,
            case=case,
            agency=shared_with,
            sections=sections,
            reason="R",
            override_reason="O",
        )
    item = services.plan_item_save(actor=supervisor, case=case, category="medical")
    task = services.task_save(actor=supervisor, case=case, title="Visit", due_on=TODAY)
    attachment = services.attachment_add(
        actor=supervisor, case=case, kind="identity", filename="id.png", data=_png()
    )
    instrument = Instrument.objects.filter(status=InstrumentStatus.ACTIVE).first()
    started = screening.screening_start(
        actor=supervisor,
        case=case,
        instrument=instrument,
        interviewed_on=TODAY,
        age_at_exploitation=12 if instrument.age_group == "child" else 30,
    )
    police = make_user([Role.POLICE_INVESTIGATOR], agency=agency)
    investigation = justice.investigation_open(
        actor=police, case=case, opened_on=TODAY, offences=["cta_trafficking_adult"]
    )
    suspect = justice.suspect_add(actor=police, investigation=investigation, given_names="Rupert")
    prosecution = justice.prosecution_open(
        actor=police, investigation=investigation, court="magistrate", filed_on=TODAY
    )
    charge = justice.charge_add(
        actor=police,
        prosecution=prosecution,
        defendant=suspect,
        offence="cta_other",
        section="s. 1",
        filed_on=TODAY,
    )
    person_charge = services.person_charge_record(
        actor=supervisor, case=case, offence="Overstay", consequence_of_trafficking=True
    )
    negative = IdentificationDecision.objects.create(
        case=case,
        identified=False,
        deciding_body="Task force",
        decided_on=TODAY,
        basis="B",
        recorded_by=supervisor,
    )
    follow_up = ReintegrationContact.objects.create(case=case, months_after=1, due_on=TODAY)
    case.refresh_from_db()
    return {
        "investigation": investigation,
        "suspect": suspect,
        "prosecution": prosecution,
        "charge": charge,
        "person_charge": person_charge,
        "negative": negative,
        "follow_up": follow_up,
        "agency": agency,
        "case": case,
        "consent": consent,
        "third": third,
        "third_share": third_share,
        "item": item,
        "task": task,
        "attachment": attachment,
        "instrument": instrument,
        "screening": started,
    }


def _refused(user: User, row: Row, world: World, expected: type[Exception]) -> None:
    before, denied = database_values(), AuditEvent.objects.filter(outcome="denied").count()
    assert world["case"].pk in before["cases.Case"] and world["item"].pk in before["cases.PlanItem"]
    with pytest.raises(expected):
        row.call(user, world)
    assert changed(before, database_values()) == [], f"{row.service} by {user.role_codes()} changed rows"
    assert AuditEvent.objects.filter(outcome="denied").count() == denied + 1, row.service


@pytest.mark.parametrize("row", TABLE, ids=[row.service for row in TABLE])
def test_the_service_refuses_and_changes_nothing(row: Row, agency: Agency, other_agency: Agency) -> None:
    third, stranger_agency = (
        Agency.objects.create(name="Shelter (test)"),
        Agency.objects.create(name="Far (test)"),
    )
    given = sorted(section_codes() - {row.section})
    world = _world(agency, other_agency, third, given)

    stranger = make_user([Role.SUPERVISOR], agency=stranger_agency)
    _refused(stranger, row, world, Http404 if row.section else PermissionDenied)

    partner = make_user([Role.SUPERVISOR], agency=other_agency)
    _refused(partner, row, world, PermissionDenied)

    role = row.role_without
    sees_the_case = Perm.CASE_VIEW in ROLE_PERMISSIONS[role]
    member = make_user([role], agency=agency)
    _refused(member, row, world, PermissionDenied if sees_the_case or not row.section else Http404)
