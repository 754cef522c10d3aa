"""Issue 11, items 1-5: the act for children, incomplete is not negative, the sexual-exploitation lists and their
sources, the two recruitment items, and the means of control carried into the case."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.models import AuditEvent
from harbourline.cases.models import Case

from ...tests.factories import make_case
from .. import services
from ..models import Answer, Evidence, Instrument, InstrumentStatus, Outcome, Screening

pytestmark = pytest.mark.django_db
DATA = json.loads(services.DATA_FILE.read_text(encoding="utf-8"))
SPECS = {s["code"]: s for s in DATA["instruments"]}


def _active(code: str) -> Instrument:
    return Instrument.objects.get(code=code, status=InstrumentStatus.ACTIVE)


def _start(code: str, *, age: int, born: datetime.date | None = None, **kwargs: Any) -> Screening:
    supervisor = make_user([Role.SUPERVISOR])
    case = make_case(supervisor, date_of_birth=born or datetime.date(1990, 1, 1))
    return services.screening_start(
        actor=supervisor,
        case=case,
        instrument=_active(code),
        interviewed_on=datetime.date(2026, 3, 5),
        age_at_exploitation=age,
        **kwargs,
    )


def _answer(screening: Screening, marks: dict[str, str], *, rest: str = Answer.UNKNOWN) -> dict[int, Any]:
    """{indicator code: answer}; every other indicator gets ``rest``."""
    answers = {}
    for indicator in screening.instrument.indicators.all():
        answers[indicator.pk] = (marks.get(indicator.code, rest), "")
    return answers


def _complete(screening: Screening, marks: dict[str, str], *, rest: str = Answer.UNKNOWN, **kw: Any) -> Any:
    return services.screening_save(
        actor=screening.conducted_by,
        screening=screening,
        answers=_answer(screening, marks, rest=rest),
        complete=True,
        **kw,
    )


P = Answer.PRESENT


# --- Item 1: children need the act and the purpose, no means ---------------------------------------------------


def test_a_child_recruited_through_a_family_arrangement_and_exploited_is_indicated() -> None:
    """No recruitment dimension is met (family arrangement: no deception, no coercion, nothing abused that the
    lists name), but the act (recruitment, harbouring) is recorded and exploitation is met: for a child that is
    enough."""
    screening = _start("child_labour", age=14, born=datetime.date(2011, 5, 1))
    result = _complete(
        screening,
        {"ex_excessive_working_days_or_hours": P, "ex_no_access_to_education": P},
        rest=Answer.ABSENT,
        acts=["recruitment", "harbouring"],
        act_note="An aunt arranged for her to live and work in a shop in Castries.",
    )
    assert result.outcome == Outcome.INDICATED
    screening.refresh_from_db()
    assert screening.outcome == Outcome.INDICATED and screening.suggested_victim is True
    assert screening.acts == ["recruitment", "harbouring"]
    assert "aunt" in screening.act_note
    assert not any(d.met for d in result.dimensions if d.group == "recruitment")
    assert result.required == ("act", "exploitation")


def test_a_child_without_the_act_recorded_is_incomplete_not_negative() -> None:
    screening = _start("child_labour", age=14, born=datetime.date(2011, 5, 1))
    result = _complete(
        screening,
        {"ex_excessive_working_days_or_hours": P, "ex_no_access_to_education": P},
        rest=Answer.ABSENT,
    )
    assert result.outcome == Outcome.INCOMPLETE
    assert result.missing_groups == ["act"]


def test_an_unknown_act_is_refused() -> None:
    screening = _start("child_labour", age=14)
    before = list(screening.answers.values_list("answer", flat=True))
    with pytest.raises(ValidationError, match="act"):
        _complete(screening, {}, acts=["smuggling"])
    screening.refresh_from_db()
    assert screening.acts == [] and screening.status == "draft"
    assert list(screening.answers.values_list("answer", flat=True)) == before


def test_age_at_the_time_of_exploitation_decides_the_list_not_age_at_intake() -> None:
    """A woman of 19 at intake who was recruited at 16: the adult list is refused with a clear message, the
    child list is accepted."""
    supervisor = make_user([Role.SUPERVISOR])
    case = make_case(supervisor, date_of_birth=datetime.date(2007, 1, 10))  # 19 at intake in 2026
    with pytest.raises(ValidationError, match=r"under 18 .* child"):
        services.screening_start(
            actor=supervisor,
            case=case,
            instrument=_active("adult_sexual"),
            interviewed_on=datetime.date(2026, 3, 5),
            age_at_exploitation=16,
        )
    assert not Screening.objects.filter(case=case).exists()
    screening = services.screening_start(
        actor=supervisor,
        case=case,
        instrument=_active("child_sexual"),
        interviewed_on=datetime.date(2026, 3, 5),
        age_at_exploitation=16,
    )
    assert screening.age_at_exploitation == 16


def test_an_adult_at_the_time_is_refused_the_child_list() -> None:
    supervisor = make_user([Role.SUPERVISOR])
    case = make_case(supervisor)
    with pytest.raises(ValidationError, match="adult list"):
        services.screening_start(
            actor=supervisor,
            case=case,
            instrument=_active("child_labour"),
            interviewed_on=datetime.date(2026, 3, 5),
            age_at_exploitation=25,
        )


def test_the_start_page_selects_the_child_list_for_someone_who_was_a_child_then() -> None:
    supervisor = make_user([Role.SUPERVISOR])
    case = make_case(supervisor, date_of_birth=datetime.date(2007, 1, 10))
    Case.objects.filter(pk=case.pk).update(exploitation_start=datetime.date(2023, 6, 1))  # aged 16 then
    client = sign_in(Client(), supervisor)
    page = client.get(reverse("screening:case_screening_list", args=[case.pk]))
    form = page.context["form"]
    assert form["age_at_exploitation"].value() == 16
    assert form["instrument"].value() == _active("child_labour").pk
    # the adult list, chosen anyway, is refused with the message and nothing is saved
    response = client.post(
        reverse("screening:case_screening_list", args=[case.pk]),
        {
            "instrument": _active("adult_labour").pk,
            "interviewed_on_day": "5",
            "interviewed_on_month": "3",
            "interviewed_on_year": "2026",
            "age_at_exploitation": "16",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "under 18" in html
    assert 'value="2026"' in html  # the date typed is shown again with the message
    assert not Screening.objects.filter(case=case).exists()


# --- Item 2: incomplete is not negative --------------------------------------------------------------------------


def test_unknown_required_dimensions_make_the_outcome_incomplete_with_the_unknowns_listed() -> None:
    screening = _start("adult_labour", age=30)
    result = _complete(
        screening,
        {
            "dr_deceived_about_the_nature_of_the_job_location_or": P,
            "dr_deceived_about_wages_earnings": P,
            "cd_confiscation_of_documents": P,
            "cd_isolation_confinement_or_surveillance": P,
            "ex_hazardous_work": Answer.ABSENT,
        },
    )
    assert result.outcome == Outcome.INCOMPLETE
    assert result.suggested_victim is None
    exploitation = next(d for d in result.dimensions if d.code == "exploitation")
    assert not exploitation.met and exploitation.could_be_met
    assert len(exploitation.unknown) == len(SPECS["adult_labour"]["indicators"][36:45]) - 1
    assert "Hazardous work" not in exploitation.unknown and "Low or no salary" in exploitation.unknown
    screening.refresh_from_db()
    assert screening.outcome == Outcome.INCOMPLETE and screening.suggested_victim is None
    assert AuditEvent.objects.filter(action="screening.completed").last().details["outcome"] == "incomplete"


def test_a_dimension_that_cannot_be_met_even_with_every_unknown_present_is_a_negative() -> None:
    """Adult: coercion groups all absent; the rest unknown. Even if every unknown were present the coercion
    element cannot be met, so the outcome is 'not indicated', not 'incomplete'."""
    screening = _start("adult_labour", age=30)
    marks = {
        i["code"]: Answer.ABSENT
        for i in SPECS["adult_labour"]["indicators"]
        if i["dimension"] in {"coercion_destination", "vulnerability_destination"}
    }
    result = _complete(screening, marks)
    assert result.outcome == Outcome.NOT_INDICATED and result.suggested_victim is False


def test_incomplete_screenings_show_as_incomplete_in_the_list_the_case_page_and_the_result() -> None:
    screening = _start("adult_labour", age=30)
    _complete(screening, {})
    client = sign_in(Client(), screening.conducted_by)
    for url in (
        reverse("screening:case_screening_list", args=[screening.case_id]),
        reverse("cases:detail", args=[screening.case_id]),
        reverse("screening:result", args=[screening.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Incomplete: more information needed" in html, url
        assert "Not indicated" not in html, url


# --- Item 3: the sexual-exploitation lists, their sources, provisional strengths -------------------------------

# The four lists as recorded from the ILO/EC 2009 tables (WCMS_105023), by dimension: the indicator codes at
# each strength. Where a list differs from the adult labour list, the difference is written out.
_AL = {
    "deceptive_recruitment": {
        "S": ["dr_deceived_about_the_nature_of_the_job_location_or"],
        "M": [
            "dr_deceived_about_conditions_of_work",
            "dr_deceived_about_content_or_legality_of_work_contr",
            "dr_deceived_about_family_reunification",
            "dr_deceived_about_housing_and_living_conditions",
            "dr_deceived_about_legal_documentation_or_obtaining_",
            "dr_deceived_about_travel_and_recruitment_conditions",
            "dr_deceived_about_wages_earnings",
            "dr_deceived_through_promises_of_marriage_or_adoptio",
        ],
        "W": ["dr_deceived_about_access_to_education_opportunities"],
    },
    "coercive_recruitment": {
        "S": ["cr_violence_on_victims"],
        "M": [
            "cr_abduction_forced_marriage_forced_adoption_or_sel",
            "cr_confiscation_of_documents",
            "cr_debt_bondage",
            "cr_isolation_confinement_or_surveillance",
            "cr_threat_of_denunciation_to_authorities",
            "cr_threat_to_inform_family_community_or_public",
            "cr_threats_of_violence_against_victim",
            "cr_violence_on_family_threats_or_effective",
            "cr_withholding_of_money",
        ],
        "W": [],
    },
    "vulnerability_recruitment": {
        "S": [],
        "M": [
            "vr_abuse_of_difficult_family_situation",
            "vr_abuse_of_illegal_status",
            "vr_abuse_of_lack_of_education_language",
            "vr_abuse_of_lack_of_information",
            "vr_control_of_exploiters",
            "vr_economic_reasons",
            "vr_false_information_about_law_attitude_of_authorit",
            "vr_false_information_about_successful_migration",
            "vr_family_situation",
            "vr_personal_situation",
            "vr_psychological_and_emotional_dependency",
            "vr_relationship_with_authorities_legal_status",
        ],
        "W": [
            "vr_abuse_of_cultural_religious_beliefs",
            "vr_difficulties_in_the_past",
            "vr_difficulty_to_organise_the_travel",
            "vr_general_context",
        ],
    },
    "exploitation": {
        "S": ["ex_excessive_working_days_or_hours"],
        "M": [
            "ex_bad_living_conditions",
            "ex_hazardous_work",
            "ex_low_or_no_salary",
            "ex_no_respect_of_labour_laws_or_contract_signed",
            "ex_no_social_protection_contract_social_insurance_e",
            "ex_very_bad_working_conditions",
            "ex_wage_manipulation",
        ],
        "W": ["ex_no_access_to_education"],
    },
    "coercion_destination": {
        "S": [
            "cd_confiscation_of_documents",
            "cd_debt_bondage",
            "cd_isolation_confinement_or_surveillance",
            "cd_violence_on_victims",
        ],
        "M": [
            "cd_forced_into_illicit_criminal_activities",
            "cd_forced_tasks_or_clients",
            "cd_forced_to_act_against_peers",
            "cd_forced_to_lie_to_authorities_family_etc",
            "cd_threat_of_denunciation_to_authorities",
            "cd_threat_to_impose_even_worse_working_conditions",
            "cd_threats_of_violence_against_victim",
            "cd_under_strong_influence",
            "cd_violence_on_family_threats_or_effective",
            "cd_withholding_of_wages",
        ],
        "W": ["cd_threats_to_inform_family_community_or_public"],
    },
    "vulnerability_destination": {
        "S": [],
        "M": [
            "vd_dependency_on_exploiters",
            "vd_difficulty_to_live_in_an_unknown_area",
            "vd_economic_reasons",
            "vd_family_situation",
            "vd_relationship_with_authorities_legal_status",
        ],
        "W": ["vd_difficulties_in_the_past", "vd_personal_characteristics"],
    },
}


def _moved(table: dict[str, dict[str, list[str]]], moves: dict[str, str], drop: tuple[str, ...] = ()) -> Any:
    """A copy of ``table`` with the codes in ``moves`` moved to a new strength and ``drop`` removed."""
    out: dict[str, dict[str, list[str]]] = {}
    for dimension, tiers in table.items():
        out[dimension] = {
            s: [c for c in codes if c not in moves and c not in drop] for s, codes in tiers.items()
        }
        for code, strength in moves.items():
            if any(code in codes for codes in tiers.values()):
                out[dimension][strength].append(code)
    return out


_CHILD_RAISED = {
    "dr_deceived_about_access_to_education_opportunities": "S",
    "cr_abduction_forced_marriage_forced_adoption_or_sel": "S",
    "cr_debt_bondage": "S",
    "cr_threats_of_violence_against_victim": "S",
    "vr_abuse_of_cultural_religious_beliefs": "M",
    "vr_difficulties_in_the_past": "M",
    "vr_difficulty_to_organise_the_travel": "M",
    "vr_general_context": "M",
    "ex_no_access_to_education": "M",
    "cd_forced_into_illicit_criminal_activities": "S",
    "cd_forced_tasks_or_clients": "S",
    "cd_threats_of_violence_against_victim": "S",
    "cd_under_strong_influence": "S",
    "cd_threats_to_inform_family_community_or_public": "M",
    "vd_difficulties_in_the_past": "M",
    "vd_personal_characteristics": "M",
}
_CHILD_DROPPED = (
    "vr_false_information_about_law_attitude_of_authorit",
    "ex_no_social_protection_contract_social_insurance_e",
)
RECORDED = {
    "adult_labour": _AL,
    "adult_sexual": _moved(_AL, {"cd_forced_tasks_or_clients": "S"}),
    "child_labour": _moved(_AL, _CHILD_RAISED, _CHILD_DROPPED),
    "child_sexual": _moved(_AL, {**_CHILD_RAISED, "ex_hazardous_work": "S"}, _CHILD_DROPPED),
}


@pytest.mark.parametrize("code", sorted(RECORDED))
def test_each_list_matches_the_recorded_source_table(code: str) -> None:
    """Indicator count per dimension and every strength, in the instrument file and in the active version."""
    for indicators in (
        SPECS[code]["indicators"],
        list(_active(code).indicators.values("dimension", "code", "strength")),
    ):
        found: dict[str, dict[str, list[str]]] = {d: {"S": [], "M": [], "W": []} for d in RECORDED[code]}
        for i in indicators:
            found[i["dimension"]][i["strength"]].append(i["code"])
        for dimension, tiers in RECORDED[code].items():
            for strength, codes in tiers.items():
                assert sorted(found[dimension][strength]) == sorted(codes), (code, dimension, strength)


@pytest.mark.parametrize("code", sorted(RECORDED))
def test_every_indicator_records_its_source(code: str) -> None:
    for indicator in SPECS[code]["indicators"]:
        assert "WCMS_105023" in indicator["source"], indicator["code"]
        assert indicator["evidence"] in Evidence.values
    assert all(i.source for i in _active(code).indicators.all())


def test_the_sexual_lists_are_no_longer_the_labour_lists_with_one_change() -> None:
    """The child-sexual list rates hazardous work strong; both sexual lists say where each strength comes from."""
    assert _active("child_sexual").indicators.get(code="ex_hazardous_work").strength == "S"
    assert _active("child_labour").indicators.get(code="ex_hazardous_work").strength == "M"


def test_a_screening_with_an_unverified_instrument_says_provisional_strengths() -> None:
    screening = _start("adult_sexual", age=24)
    assert screening.instrument.provisional
    _complete(screening, {})
    client = sign_in(Client(), screening.conducted_by)
    for url in (
        reverse("screening:result", args=[screening.pk]),
        reverse("screening:print", args=[screening.pk]),
        reverse("screening:edit", args=[screening.pk]),
    ):
        response = client.get(url, follow=True)
        assert "Provisional strengths" in response.content.decode(), url
    assert AuditEvent.objects.filter(action="screening.printed").exists()


def test_a_fully_verified_instrument_is_not_provisional() -> None:
    instrument = _active("adult_labour")
    assert instrument.provisional
    instrument.indicators.update(evidence=Evidence.PRIMARY)
    assert not Instrument.objects.get(pk=instrument.pk).provisional


def test_deceived_forced_to_take_clients_beaten_papers_taken_exploitation_unknown_is_incomplete() -> None:
    """Recruitment is met (deceived about the job; beaten and papers taken at recruitment: S + M), coercion at
    destination is met (forced clients S, violence S, confiscation S). Nothing is known about the conditions of
    exploitation: the outcome is incomplete, never 'not indicated'."""
    screening = _start("adult_sexual", age=24)
    exploitation = [
        i["code"] for i in SPECS["adult_sexual"]["indicators"] if i["dimension"] == "exploitation"
    ]
    marks = {
        "dr_deceived_about_the_nature_of_the_job_location_or": P,
        "cr_violence_on_victims": P,
        "cr_confiscation_of_documents": P,
        "cd_forced_tasks_or_clients": P,
        "cd_violence_on_victims": P,
        "cd_confiscation_of_documents": P,
        **dict.fromkeys(exploitation, Answer.UNKNOWN),
    }
    result = _complete(screening, marks, rest=Answer.ABSENT)
    assert result.outcome == Outcome.INCOMPLETE
    assert result.missing_groups == ["exploitation"]
    dimension = next(d for d in result.dimensions if d.code == "exploitation")
    assert len(dimension.unknown) == len(exploitation)


# --- Item 4: the two recruitment items -------------------------------------------------------------------------


def test_economic_reasons_and_the_two_past_and_travel_items_no_longer_meet_recruitment() -> None:
    """Economic reasons (M) + difficulties in the past (W) + difficulty to organise the travel (W) is M+W+W: not
    met under the corrected version."""
    screening = _start("adult_labour", age=30)
    result = _complete(
        screening,
        {
            "vr_economic_reasons": P,
            "vr_difficulties_in_the_past": P,
            "vr_difficulty_to_organise_the_travel": P,
        },
        rest=Answer.ABSENT,
    )
    assert not next(d for d in result.dimensions if d.code == "vulnerability_recruitment").met


def test_old_screenings_keep_the_version_they_used() -> None:
    old = _active("adult_labour")
    assert old.version >= 2
    first = Instrument.objects.get(code="adult_labour", version=1)
    assert first.indicators.get(code="vr_difficulties_in_the_past").strength == "M"
    assert old.indicators.get(code="vr_difficulties_in_the_past").strength == "W"


# --- Item 5: means of control into the case --------------------------------------------------------------------


def test_completing_a_screening_carries_its_means_of_control_into_the_case() -> None:
    screening = _start("adult_labour", age=30)
    case = screening.case
    Case.objects.filter(pk=case.pk).update(means_of_control=["Threats"])
    version = Case.objects.get(pk=case.pk).version
    _complete(
        screening,
        {
            "cr_abduction_forced_marriage_forced_adoption_or_sel": P,
            "cd_confiscation_of_documents": P,
            "ex_low_or_no_salary": P,
            "ex_bad_living_conditions": P,
            "ex_wage_manipulation": P,
        },
    )
    case = Case.objects.get(pk=case.pk)
    assert sorted(case.means_of_control) == ["TakesEarnings", "Threats", "WithholdsDocuments"]
    assert case.recruitment_type == "abduction"
    assert case.version == version + 1
    details = AuditEvent.objects.filter(action="screening.completed").last().details
    assert sorted(details["case_means_of_control_added"]) == ["TakesEarnings", "WithholdsDocuments"]


def test_doubtful_mappings_are_gone_from_the_new_versions() -> None:
    for code in RECORDED:
        instrument = _active(code)
        mapping = dict(instrument.indicators.values_list("code", "means_of_control"))
        assert mapping["ex_low_or_no_salary"] == ""
        assert mapping["ex_bad_living_conditions"] == ""
        assert mapping["cr_abduction_forced_marriage_forced_adoption_or_sel"] == ""
        assert instrument.indicators.get(
            code="cr_abduction_forced_marriage_forced_adoption_or_sel"
        ).marks_abduction


def test_a_recorded_recruitment_type_is_not_overwritten_by_the_abduction_indicator() -> None:
    screening = _start("adult_labour", age=30)
    Case.objects.filter(pk=screening.case_id).update(recruitment_type="family")
    _complete(screening, {"cr_abduction_forced_marriage_forced_adoption_or_sel": P})
    assert Case.objects.get(pk=screening.case_id).recruitment_type == "family"


# --- Issue 9: one instrument loader ----------------------------------------------------------------------------


def test_there_is_one_instrument_loader() -> None:
    """The data migrations and the load service all go through ``loader.load``; none creates rows itself."""
    import importlib
    import inspect

    for name in ("0002_load_ilo_ec_instruments", "0003_screening_act_age_incomplete"):
        source = inspect.getsource(importlib.import_module(f"harbourline.cases.screening.migrations.{name}"))
        assert "loader.load(" in source and "bulk_create" not in source and ".create(" not in source, name
    source = inspect.getsource(services.instruments_load)
    assert "loader.load(" in source and "bulk_create" not in source


def test_confirming_every_strength_in_a_new_version_removes_the_provisional_notice() -> None:
    coordinator = make_user([Role.NATIONAL_COORDINATOR])
    draft = services.instrument_draft(actor=coordinator, source=_active("adult_labour"))
    services.instrument_change(
        actor=coordinator,
        instrument=draft,
        indicators={
            i.pk: {"evidence": Evidence.PRIMARY, "source": f"WCMS_105023 p.2, {i.label}"}
            for i in draft.indicators.all()
        },
    )
    services.instrument_activate(actor=coordinator, instrument=draft)
    assert draft.indicators.get(code="ex_hazardous_work").source == "WCMS_105023 p.2, Hazardous work"
    screening = _start("adult_labour", age=30)
    assert screening.instrument == draft and not screening.instrument.provisional
    _complete(screening, {})
    client = sign_in(Client(), screening.conducted_by)
    html = client.get(reverse("screening:result", args=[screening.pk])).content.decode()
    assert "Provisional strengths" not in html
