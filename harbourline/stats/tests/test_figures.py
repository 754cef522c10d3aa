"""Every figure equals a direct count, made in plain Python over the same seeded rows, before suppression."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from harbourline.accounts.models import AgencyType
from harbourline.cases.codes import AgeBand, CaseStatus, ExploitationForm, Gender
from harbourline.cases.models import Case
from harbourline.cases.models.care import ServiceCategory
from harbourline.country.selectors import country_name, district_name
from harbourline.public.tips.models import Channel, HeardVia
from harbourline.stats import figures
from harbourline.stats.annual import annual_report
from harbourline.stats.filters import Filters
from harbourline.stats.registry import (
    _ANNUAL,
    AnnualSection,
    missing_hooks,
    register_annual_section,
    sections,
)
from harbourline.stats.tables import Table
from harbourline.training.models.curriculum import Sector

from .seed import Seeded, seed_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db: Any) -> Seeded:
    return seed_all()


def rows(table: Table) -> dict[str, list[int]]:
    return dict(table.rows)


def column(table: Table) -> dict[str, int]:
    return {label: counts[0] for label, counts in table.rows}


def matches(f: dict[str, Any], flt: Filters) -> bool:
    if flt.agency and f["agency"].pk != flt.agency:
        return False
    if flt.district and f["district"] != flt.district:
        return False
    return not flt.form or f["flags"][Case.FORM_FLAGS[flt.form]]


def confirmed(data: Seeded, flt: Filters) -> list[dict[str, Any]]:
    return [
        f
        for f in data.cases
        if matches(f, flt) and f["identified_on"] and (not flt.year or f["identified_on"].year == flt.year)
    ]


def potential(data: Seeded, year: int) -> list[dict[str, Any]]:
    return [
        f
        for f in data.cases
        if f["identified_on"] is None
        and f["status"] in (CaseStatus.PRESUMED_VICTIM, CaseStatus.ASSISTANCE)
        and f["intake_date"].year == year
    ]


def age_group(f: dict[str, Any]) -> str:
    if f["is_minor"] is not None:
        return "child" if f["is_minor"] else "adult"
    if f["age_band"] in (AgeBand.A0_8, AgeBand.A9_17):
        return "child"
    return "unknown" if f["age_band"] == AgeBand.UNKNOWN else "adult"


def with_names(counter: Counter[str], name: Any, blank: str) -> dict[str, int]:
    return {(name(code) if code else blank): n for code, n in counter.items() if n}


FILTER_SETS = [
    {},
    {"year": 2025},
    {"form": ExploitationForm.FORCED_LABOUR},
    {"district": "LC-11"},
    {"year": 2024, "form": ExploitationForm.SEXUAL, "district": "LC-02"},
]


@pytest.fixture(params=[*FILTER_SETS, "agency"], ids=lambda p: str(p))
def flt(request: Any, seeded: Seeded) -> Filters:
    if request.param == "agency":
        return Filters(agency=seeded.agencies[1].pk, year=2025)
    return Filters(**request.param)


def test_cases_by_year_and_status_equal_a_direct_count(seeded: Seeded, flt: Filters) -> None:
    expected = Counter(
        (str(f["year"]), f["status"])
        for f in seeded.cases
        if matches(f, flt) and (not flt.year or f["year"] == flt.year)
    )
    table = figures.cases_by_year_and_status(flt)
    got = {
        (label, code): counts[k]
        for label, counts in table.rows
        for k, code in enumerate(CaseStatus.values)
        if counts[k]
    }
    assert got == dict(expected)
    assert table.values()[(table.total_row, table.total_column)] == sum(expected.values())


def test_victims_by_sex_age_nationality_and_district_equal_direct_counts(
    seeded: Seeded, flt: Filters
) -> None:
    victims = confirmed(seeded, flt)
    assert victims or flt.year == 2024  # the seed gives most filter sets some victims
    sexes = Counter(f["gender"] for f in victims)
    assert column(figures.victims_by_sex(flt)) == {str(label): sexes[code] for code, label in Gender.choices}
    bands = Counter(f["age_band"] for f in victims)
    assert column(figures.victims_by_age_band(flt)) == {str(label): bands[c] for c, label in AgeBand.choices}
    nationality = Counter(f["nationality"] for f in victims)
    assert column(figures.victims_by_nationality(flt)) == with_names(
        nationality, country_name, "Not recorded"
    )
    districts = Counter(f["district"] for f in victims)
    assert column(figures.victims_by_district(flt)) == with_names(districts, district_name, "Not recorded")


def test_victims_by_form_count_each_form_of_each_victim(seeded: Seeded, flt: Filters) -> None:
    victims = confirmed(seeded, flt)
    expected = {
        str(ExploitationForm(code).label): sum(1 for f in victims if f["flags"][flag])
        for code, flag in Case.FORM_FLAGS.items()
    }
    table = figures.victims_by_form(flt)
    assert column(table) == expected
    assert not table.column_totals  # a victim with two forms would be counted twice in a total


def test_services_delivered_equal_a_direct_count(seeded: Seeded, flt: Filters) -> None:
    expected: Counter[str] = Counter()
    for s in seeded.services:
        on = s["actual_end"] or s["actual_start"]
        if s["status"] != "delivered" or not matches(s["case"], flt):
            continue
        if flt.year and not (on and on.year == flt.year):
            continue
        expected[s["category"]] += 1
    table = figures.services_delivered(flt)
    assert column(table) == {str(label): expected[code] for code, label in ServiceCategory.choices}


def test_tips_by_channel_and_heard_via_equal_direct_counts(seeded: Seeded, flt: Filters) -> None:
    tips = [
        t
        for t in seeded.tips
        if (not flt.year or t["year"] == flt.year) and (not flt.district or t["district"] == flt.district)
    ]
    channels = Counter(t["channel"] for t in tips)
    assert column(figures.tips_by_channel(flt)) == {str(lb): channels[c] for c, lb in Channel.choices}
    heard = Counter(t["heard_via"] for t in tips)
    expected = {str(lb): heard[c] for c, lb in HeardVia.choices} | {"Not answered": heard[""]}
    assert column(figures.tips_by_heard_via(flt)) == expected


@pytest.mark.parametrize("year", [None, 2024, 2025])
def test_people_trained_by_sector_equal_a_direct_count(seeded: Seeded, year: int | None) -> None:
    trained = [t for t in seeded.trained if t["trained"] and (year is None or t["year"] == year)]
    expected = Counter(str(Sector(t["sector"]).label) for t in trained)
    got = {label: counts[0] for label, counts in figures.trained_by_sector(Filters(year=year)).rows}
    assert got == dict(expected)
    assert sum(c[0] for _, c in figures.trained_by_sex(Filters(year=year)).rows) == len(trained)
    assert sum(c[0] for _, c in figures.trained_by_agency(Filters(year=year)).rows) == len(trained)


@pytest.mark.parametrize("year", [2024, 2025])
def test_tip_questionnaire_equals_direct_counts(seeded: Seeded, year: int) -> None:
    report = annual_report("tip", year)
    tables = {t.key: t for t in report.tables}
    for key, victims in (
        ("tip_confirmed", confirmed(seeded, Filters(year=year))),
        ("tip_potential", potential(seeded, year)),
    ):
        assert victims
        sex_age = Counter((f["gender"], age_group(f)) for f in victims)
        expected = {
            str(label): [sex_age[(code, g)] for g in ("child", "adult", "unknown")]
            for code, label in Gender.choices
        }
        assert rows(tables[f"{key}_sex_age"]) == expected
        nationality = Counter(f["nationality"] for f in victims)
        assert column(tables[f"{key}_nationality"]) == with_names(nationality, country_name, "Not recorded")
        form = column(tables[f"{key}_form"])
        for code, flag in Case.FORM_FLAGS.items():
            assert form[str(ExploitationForm(code).label)] == sum(1 for f in victims if f["flags"][flag])

    returned = set()
    for f in seeded.cases:
        if f["closure_reason"] == "returned" and f["closed_at"].year == year:
            returned.add(id(f))
    for s in seeded.services:
        on = s["actual_end"] or s["actual_start"]
        if s["category"] == "repatriation" and s["status"] == "delivered" and on and on.year == year:
            returned.add(id(s["case"]))
    by_country = Counter(f["citizenship"] or f["nationality"] for f in seeded.cases if id(f) in returned)
    assert column(tables["tip_repatriated"]) == with_names(by_country, country_name, "Country not recorded")

    trained = Counter(t["agency_type"] for t in seeded.trained if t["trained"] and t["year"] == year)
    expected_types = {str(label): trained[code] for code, label in AgencyType.choices}
    expected_types["Not linked to an agency"] = trained[""]
    assert column(tables["tip_trained_by_agency_type"]) == expected_types


def test_glotip_layout_equals_direct_counts(seeded: Seeded) -> None:
    year = 2025
    victims = confirmed(seeded, Filters(year=year))
    tables = {t.key: t for t in annual_report("glotip", year).tables}

    def sex(f: dict[str, Any]) -> str:
        return {"Feminine": "Female", "Masculine": "Male", "NonSpecifiedUnknown": "Unknown"}.get(
            f["gender"], "Other"
        )

    sex_age = Counter((sex(f), age_group(f)) for f in victims)
    assert rows(tables["glotip_victims_sex_age"]) == {
        s: [sex_age[(s, g)] for g in ("child", "adult", "unknown")]
        for s in ("Female", "Male", "Other", "Unknown")
    }
    other_flags = ["is_forced_criminality", "is_forced_marriage", "is_organ_removal", "is_other_exploitation"]
    form_of = {
        "Sexual exploitation": lambda f: f["flags"]["is_sexual_exploitation"],
        "Forced labour": lambda f: f["flags"]["is_forced_labour"],
        "Other forms of exploitation": lambda f: any(f["flags"][k] for k in other_flags),
    }
    assert rows(tables["glotip_victims_form"]) == {
        label: [
            sum(1 for f in victims if test(f) and sex(f) == s) for s in ("Female", "Male", "Other", "Unknown")
        ]
        for label, test in form_of.items()
    }
    citizenship = Counter(f["citizenship"] or f["nationality"] for f in victims)
    got = column(tables["glotip_victims_citizenship"])
    assert got["Nationals"] == citizenship["LC"]
    assert got["Unknown"] == citizenship[""]
    assert sum(got.values()) == len(victims)


def test_justice_figures_wait_for_the_justice_app_under_named_hooks(seeded: Seeded) -> None:
    assert [k for k, _ in missing_hooks("tip")] == ["tip.law_enforcement"]
    assert [k for k, _ in annual_report("glotip", 2025).not_recorded] == ["glotip.offenders"]
    prosecutions = Table("tip_prosecutions", "Prosecutions", "Kind", ["Persons"], [("Sex trafficking", [2])])
    register_annual_section(
        AnnualSection("tip.law_enforcement", "tip", "Law enforcement", lambda y: [prosecutions])
    )
    try:
        report = annual_report("tip", 2025)
        assert report.not_recorded == []
        assert report.tables[-1] is prosecutions
    finally:
        _ANNUAL.pop("tip.law_enforcement")


def test_the_summary_the_worker_keeps_gives_the_same_figures_as_the_case_tables(
    seeded: Seeded, flt: Filters
) -> None:
    from harbourline.stats.summary import figure_counts_refresh, figures_source
    from harbourline.stats.tasks import refresh_figure_counts

    refresh_figure_counts.call()
    refresh = figure_counts_refresh()
    assert refresh.rows > 0
    section = next(s for s in sections() if s.key == "cases")
    for figure in section.figures:
        with figures_source("live"):
            live = figure(flt)
        with figures_source("summary"):
            summary = figure(flt)
        assert summary.rows == live.rows, figure.__name__
