from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.audit.models import AuditEvent
from harbourline.cases.models import CaseEvent
from harbourline.core.tests.snapshot import changed, database_values

from .. import services
from ..figures import justice_figures
from ..models import Charge, Suspect
from ..selectors import investigations_for_user, possible_suspect_duplicates
from .world import DAY, justice_world

pytestmark = pytest.mark.django_db


def test_the_journey_is_recorded_and_audited() -> None:
    w = justice_world()
    inv = w["investigation"]
    assert inv.status == "referred" and inv.referred_to == w["dpp"]
    assert list(inv.cases.all()) == [w["case"]] and list(inv.officers.all()) == [w["officer"]]
    charge = Charge.objects.get(pk=w["charge"].pk)
    assert (charge.outcome, charge.custody_months, charge.restitution_paid) == (
        "convicted",
        60,
        Decimal("1000"),
    )
    w["prosecution"].refresh_from_db()
    assert w["prosecution"].status == "concluded" and w["prosecution"].concluded_on == datetime.date(
        2026, 3, 20
    )
    assert w["witness"].granted == ["video_link"] and w["witness"].informed
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "justice.investigation_opened",
        "justice.suspect_added",
        "justice.investigation_referred",
        "justice.prosecution_opened",
        "justice.charge_added",
        "justice.charge_outcome",
        "justice.witness_support_saved",
    } <= actions
    # The case's history rows are in the justice section, so only its readers see them.
    assert set(
        CaseEvent.objects.filter(kind__startswith="investigation").values_list("section", flat=True)
    ) == {"justice"}


def test_suspect_identity_is_encrypted_at_rest() -> None:
    w = justice_world(convict=False)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_names, family_name, document_number, date_of_birth FROM justice_suspect WHERE id = %s",
            [w["suspect"].pk],
        )
        row = cursor.fetchone()
    assert all(value.startswith("hl2:") for value in row)  # sealed, bound to the row
    assert "Rupert" not in " ".join(row) and "998877" not in " ".join(row)


def test_the_same_suspect_in_another_investigation_is_found_by_blind_index() -> None:
    w = justice_world(convict=False)
    officer = w["officer"]
    other = services.investigation_open(actor=officer, case=w["case"], opened_on=DAY, offences=["cta_other"])
    again = services.suspect_add(
        actor=officer,
        investigation=other,
        given_names="rupert",
        family_name="ALEXANDER",
        date_of_birth=datetime.date(1975, 6, 1),
    )
    stranger = services.suspect_add(
        actor=officer, investigation=other, given_names="Rupert", family_name="Joseph"
    )
    assert possible_suspect_duplicates(officer, again) == [w["suspect"]]
    assert possible_suspect_duplicates(officer, stranger) == []
    # Someone who may not read the other investigation learns nothing of it.
    far = make_user([Role.POLICE_INVESTIGATOR])
    assert possible_suspect_duplicates(far, again) == []


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda w: services.investigation_open(
                actor=w["officer"], case=w["case"], opened_on=DAY, offences=[]
            ),
            "offences",
        ),
        (
            lambda w: services.investigation_open(
                actor=w["officer"],
                case=w["case"],
                opened_on=datetime.date(2999, 1, 1),
                offences=["cta_other"],
            ),
            "opened_on",
        ),
        (lambda w: services.suspect_add(actor=w["officer"], investigation=w["investigation"]), "given_names"),
        (
            lambda w: services.suspect_add(
                actor=w["officer"],
                investigation=w["investigation"],
                given_names="A",
                nationality="Saint Lucia",
            ),
            "nationality",
        ),
        (
            lambda w: services.charge_add(
                actor=w["prosecutor"],
                prosecution=w["prosecution"],
                defendant=w["suspect"],
                offence="other_law",
                section="s. 5",
                filed_on=DAY,
            ),
            "law",
        ),
        (
            lambda w: services.charge_outcome(
                actor=w["prosecutor"],
                charge=w["charge"],
                outcome="acquitted",
                outcome_on=datetime.date(2026, 3, 20),
                fine=Decimal("10"),
            ),
            "__all__",
        ),
        (
            lambda w: services.charge_outcome(
                actor=w["prosecutor"],
                charge=w["charge"],
                outcome="convicted",
                outcome_on=datetime.date(2026, 3, 20),
                compensation_ordered=Decimal("10"),
                compensation_paid=Decimal("20"),
            ),
            "compensation_paid",
        ),
        (
            lambda w: services.witness_support_save(
                actor=w["prosecutor"],
                prosecution=w["prosecution"],
                case=w["case"],
                requested=[],
                granted=["screen"],
            ),
            "granted",
        ),
        (
            lambda w: services.investigation_close(
                actor=w["officer"], investigation=w["investigation"], closed_on=DAY, reason="other"
            ),
            "details",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(call, field) -> None:  # type: ignore[no-untyped-def]
    w = justice_world(convict=False)
    before = database_values()
    with pytest.raises(ValidationError) as raised:
        call(w)
    errors = (
        raised.value.message_dict
        if hasattr(raised.value, "error_dict")
        else {"__all__": raised.value.messages}
    )
    assert field in errors and all(errors[field])
    assert changed(before, database_values()) == []


def test_the_police_cannot_prosecute_a_file_of_another_police_agency_or_record_outcomes() -> None:
    w = justice_world(convict=False)
    before = database_values()
    with pytest.raises(Exception) as raised:
        services.charge_outcome(actor=w["officer"], charge=w["charge"], outcome="withdrawn", outcome_on=DAY)
    assert "prosecuting" in str(raised.value)
    assert changed(before, database_values()) == []


def test_figures_count_investigations_prosecutions_convictions_and_offenders() -> None:
    w = justice_world()
    figures = justice_figures(2026)
    assert figures["investigations"]["opened"] == 1 and figures["investigations"]["ongoing_at_year_end"] == 1
    assert figures["investigations"]["by_offence"] == {"cta_trafficking_adult": 1}
    assert (figures["prosecutions"], figures["persons_prosecuted"], figures["persons_convicted"]) == (1, 1, 1)
    assert figures["sentences"]["by_custody"] == {"5 to under 10 years": 1}
    assert figures["restitution"]["restitution_ordered"] == Decimal("5000")
    assert figures["offenders"]["convicted"] == {
        "sex": {"Masculine": 1},
        "age_band": {"48+": 1},
        "citizenship": {"national": 1},
    }
    assert justice_figures(2025)["persons_convicted"] == 0
    assert "Rupert" not in repr(figures)
    services.investigation_close(
        actor=w["officer"],
        investigation=w["investigation"],
        closed_on=datetime.date(2026, 3, 21),
        reason="charged",
    )
    assert justice_figures(2026)["investigations"]["ongoing_at_year_end"] == 0
    assert Suspect.objects.count() == 1


def test_the_workspace_lists_by_agency() -> None:
    w = justice_world(convict=False)
    coordinator = make_user([Role.NATIONAL_COORDINATOR])
    assert list(investigations_for_user(w["officer"])) == [w["investigation"]]
    assert list(investigations_for_user(w["prosecutor"])) == [w["investigation"]]
    assert list(investigations_for_user(coordinator)) == [w["investigation"]]
    assert list(investigations_for_user(make_user([Role.PROSECUTOR]))) == []
    assert list(investigations_for_user(make_user([Role.CASE_MANAGER], agency=w["owner"]))) == []
