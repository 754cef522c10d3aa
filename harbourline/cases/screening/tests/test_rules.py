"""Screening rules, worked out by hand from the indicator lists and combination rules."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.audit.models import AuditEvent

from ...tests.factories import make_case
from .. import services
from ..models import Answer, Indicator, Instrument, InstrumentStatus
from ..rules import dimension_met

pytestmark = pytest.mark.django_db
RULE_A = [{"strong": 2}, {"strong": 1, "medium_or_weak": 1}, {"medium": 3}, {"medium": 2, "weak": 1}]


@pytest.mark.parametrize(
    "strengths,met",
    [
        ("SS", True),
        ("SM", True),
        ("SW", True),
        ("MMM", True),
        ("MMW", True),
        ("S", False),
        ("MM", False),
        ("MWW", False),
        ("WWW", False),
        ("", False),
    ],
)
def test_rule_a_by_hand(strengths: str, met: bool) -> None:
    assert dimension_met(list(strengths), RULE_A) is met


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("SMW"), max_size=8), st.sampled_from("SMW"))
def test_adding_a_present_indicator_never_unmeets_a_dimension(strengths: list[str], extra: str) -> None:
    if dimension_met(strengths, RULE_A):
        assert dimension_met([*strengths, extra], RULE_A)


def _screen(
    profile: str,
    labels: dict[str, list[str]],
    *,
    complete: bool = True,
    age_minor: bool = False,
    acts: list[str] | None = None,
) -> Any:
    supervisor = make_user([Role.SUPERVISOR])
    case = make_case(
        supervisor, date_of_birth=datetime.date(2012, 1, 1) if age_minor else datetime.date(1990, 1, 1)
    )
    instrument = Instrument.objects.get(code=profile, status=InstrumentStatus.ACTIVE)
    screening = services.screening_start(
        actor=supervisor,
        case=case,
        instrument=instrument,
        interviewed_on=datetime.date(2026, 3, 5),
        interpreter_language="Spanish",
        age_at_exploitation=13 if age_minor else 30,
    )
    answers = {}
    for dimension, wanted in labels.items():
        for label in wanted:
            indicator = Indicator.objects.get(instrument=instrument, dimension=dimension, label=label)
            answers[indicator.pk] = (Answer.PRESENT, "seen")
    result = services.screening_save(
        actor=supervisor, screening=screening, answers=answers, complete=complete, acts=acts
    )
    return screening, result


ADULT_LABOUR_VICTIM = {
    # deceptive recruitment: one strong + one medium -> met (combination 2)
    "deceptive_recruitment": [
        "Deceived about the nature of the job, location or employer",
        "Deceived about wages/earnings",
    ],
    # exploitation: three medium -> met (combination 3)
    "exploitation": ["Bad living conditions", "Low or no salary", "Wage manipulation"],
    # coercion at destination: two strong -> met (combination 1)
    "coercion_destination": ["Confiscation of documents", "Isolation, confinement or surveillance"],
}


def test_adult_labour_all_three_elements_met_suggests_trafficking() -> None:
    """Recruitment (deceptive: S+M), exploitation (M+M+M) and coercion (S+S) are all met -> suggested."""
    screening, result = _screen("adult_labour", ADULT_LABOUR_VICTIM)
    assert result.suggested_victim
    assert {d.code for d in result.dimensions if d.met} == {
        "deceptive_recruitment",
        "exploitation",
        "coercion_destination",
    }
    screening.refresh_from_db()
    assert screening.suggested_victim is True and screening.status == "completed"
    assert AuditEvent.objects.get(action="screening.completed").details["suggested"] is True


def test_adult_labour_without_coercion_is_not_suggested_and_says_what_is_missing() -> None:
    """Without a met coercion dimension an adult case lacks the means element."""
    labels = {k: v for k, v in ADULT_LABOUR_VICTIM.items() if k != "coercion_destination"}
    _, result = _screen("adult_labour", labels)
    assert not result.suggested_victim and result.missing_groups == ["coercion"]


def test_child_labour_does_not_need_the_means() -> None:
    """Child list: the act (recruitment, transport) and exploitation (S excessive hours + M low salary) are
    enough; coercion is not required for a person under 18."""
    _, result = _screen(
        "child_labour",
        {
            "deceptive_recruitment": [
                "Deceived about the nature of the job, location or employer",
                "Deceived about wages/earnings",
            ],
            "exploitation": ["Excessive working days or hours", "Low or no salary"],
        },
        age_minor=True,
        acts=["recruitment", "transport"],
    )
    assert result.suggested_victim and result.required == ("act", "exploitation")


def test_child_labour_strengths_are_raised_so_fewer_indicators_meet_a_dimension() -> None:
    """'Deceived about access to education opportunities' is weak for adults but strong for children:
    with 'Deceived about wages' (M) it meets deceptive recruitment for a child, not for an adult."""
    labels = {
        "deceptive_recruitment": [
            "Deceived about access to education opportunities",
            "Deceived about wages/earnings",
        ]
    }
    _, child = _screen("child_labour", labels, age_minor=True)
    _, adult = _screen("adult_labour", labels)
    assert child.dimensions[0].met and not adult.dimensions[0].met


def test_adult_sexual_forced_tasks_or_clients_is_strong() -> None:
    """Adult sexual list: 'Forced tasks or clients' (S) + 'Threats of violence against victim' (M) meets coercion;
    with recruitment and exploitation met the suggestion is trafficking."""
    _, result = _screen(
        "adult_sexual",
        {
            "deceptive_recruitment": [
                "Deceived about the nature of the job, location or employer",
                "Deceived about conditions of work",
            ],
            "exploitation": ["Excessive working days or hours", "Very bad working conditions"],
            "coercion_destination": ["Forced tasks or clients", "Threats of violence against victim"],
        },
    )
    assert result.suggested_victim


def test_child_sexual_list_lacks_two_adult_items_and_needs_no_means() -> None:
    """Child sexual list: no 'No social protection'; coercive recruitment (abduction S + debt bondage S) and
    exploitation (hazardous work M + bad living conditions M + low salary M) suffice."""
    instrument = Instrument.objects.get(code="child_sexual", status=InstrumentStatus.ACTIVE)
    assert not instrument.indicators.filter(label__startswith="No social protection").exists()
    _, result = _screen(
        "child_sexual",
        {
            "coercive_recruitment": [
                "Abduction, forced marriage, forced adoption or selling of victim",
                "Debt bondage",
            ],
            "exploitation": ["Hazardous work", "Bad living conditions", "Low or no salary"],
        },
        age_minor=True,
        acts=["receipt"],
    )
    assert result.suggested_victim


def test_unknown_answers_never_count_as_present() -> None:
    supervisor = make_user([Role.SUPERVISOR])
    case = make_case(supervisor)
    instrument = Instrument.objects.get(code="adult_labour", status=InstrumentStatus.ACTIVE)
    screening = services.screening_start(
        actor=supervisor,
        case=case,
        instrument=instrument,
        interviewed_on=datetime.date(2026, 3, 5),
        age_at_exploitation=27,
    )
    answers = {i.pk: (Answer.UNKNOWN, "") for i in instrument.indicators.all()}
    result = services.screening_save(actor=supervisor, screening=screening, answers=answers)
    assert not any(d.met for d in result.dimensions)


def test_a_corrected_instrument_version_does_not_change_an_old_screening() -> None:
    coordinator = make_user([Role.NATIONAL_COORDINATOR])
    labels = {"coercion_destination": ["Confiscation of documents", "Threats of violence against victim"]}
    old, old_result = _screen("adult_labour", labels)
    assert old_result.dimensions[4].met  # S + M
    active = Instrument.objects.get(code="adult_labour", status=InstrumentStatus.ACTIVE)
    draft = services.instrument_draft(actor=coordinator, source=active)
    confiscation = draft.indicators.get(dimension="coercion_destination", label="Confiscation of documents")
    services.instrument_change(
        actor=coordinator, instrument=draft, indicators={confiscation.pk: {"strength": "W"}}
    )
    services.instrument_activate(actor=coordinator, instrument=draft)
    active.refresh_from_db()
    assert active.status == InstrumentStatus.RETIRED
    assert services.screening_result(old).dimensions[4].met  # still scored with version 1
    _, new_result = _screen("adult_labour", labels)
    assert not new_result.dimensions[4].met  # W + M is not enough under the corrected version


def test_present_indicators_give_ctdc_means_of_control_codes() -> None:
    screening, _ = _screen("adult_labour", ADULT_LABOUR_VICTIM)
    # 'Bad living conditions' and 'Low or no salary' carry no code; 'Wage manipulation' is TakesEarnings
    assert services.screening_means_of_control(screening.case) == {
        "FalsePromises",
        "TakesEarnings",
        "WithholdsDocuments",
        "RestrictsMovement",
    }


def test_the_loader_adds_a_version_only_when_the_file_changed() -> None:
    assert services.instruments_load() == 0
    assert Instrument.objects.filter(code="adult_labour").count() == 2  # as first shipped, and corrected


def test_the_load_command_adds_nothing_when_the_file_is_unchanged() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_screening_instruments", stdout=out)
    assert "0 new instrument version(s)" in out.getvalue()
