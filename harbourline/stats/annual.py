"""The annual questionnaires: the US TIP report's figures and the UNODC GLOTIP layout, for one year.

Victims are counted once per table. "Confirmed" victims had a formal identification decision in the year;
"potential" (presumed) victims were registered in the year and are presumed or assisted without one. The
justice figures (investigations, prosecutions, convictions, sentences, offenders) come from the apps that
record them, through registry.register_annual_section; until one does, the report lists them as not recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case as CaseWhen
from django.db.models import Q, Value, When
from django.db.models.functions import Coalesce

from harbourline.accounts.models import AgencyType
from harbourline.cases.codes import ClosureReason, ExploitationForm, Gender
from harbourline.cases.models import PlanItem
from harbourline.cases.models.care import ServiceCategory, ServiceStatus
from harbourline.country.selectors import active_profile, country_name

from .figures import (
    AGE_GROUP,
    AGE_GROUPS,
    CITIZENSHIP,
    by_choices,
    by_code,
    cases_for,
    confirmed_victims,
    count_by,
    count_by_two,
    form_counts,
    one_column,
    potential_victims,
)
from .filters import Filters
from .registry import annual_sections, missing_hooks
from .tables import Table

REPORTS = {"tip": "US Trafficking in Persons report questionnaire", "glotip": "UNODC GLOTIP questionnaire"}

GLOTIP_SEX = CaseWhen(
    When(person__gender=Gender.FEMININE, then=Value("Female")),
    When(person__gender=Gender.MASCULINE, then=Value("Male")),
    When(person__gender=Gender.UNKNOWN, then=Value("Unknown")),
    default=Value("Other"),
)
GLOTIP_SEXES = ["Female", "Male", "Other", "Unknown"]
GLOTIP_AGES = [("child", "0 to 17 years"), ("adult", "18 years or over"), ("unknown", "Unknown")]
GLOTIP_FORMS = [
    ("Sexual exploitation", Q(is_sexual_exploitation=True)),
    ("Forced labour", Q(is_forced_labour=True)),
    (
        "Other forms of exploitation",
        Q(is_forced_criminality=True)
        | Q(is_forced_marriage=True)
        | Q(is_organ_removal=True)
        | Q(is_other_exploitation=True),
    ),
]


@dataclass
class AnnualReport:
    report: str
    year: int
    tables: list[Table] = field(default_factory=list)
    not_recorded: list[tuple[str, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{REPORTS[self.report]}, {self.year}"


def _sex_by_age(key: str, title: str, qs: object) -> Table:
    counts = count_by_two(qs, "person__gender", AGE_GROUP)  # type: ignore[arg-type]
    rows = [(str(label), [counts.get((code, g), 0) for g, _ in AGE_GROUPS]) for code, label in Gender.choices]
    return Table(key, title, "Sex", [label for _, label in AGE_GROUPS], rows, row_totals=True)


def _by_form(key: str, title: str, qs: object) -> Table:
    counts = form_counts(qs)  # type: ignore[arg-type]
    return one_column(
        key,
        title,
        "Form of exploitation",
        "Victims",
        by_choices(counts, ExploitationForm.choices),
        column_totals=False,
        note="A victim exploited in more than one way counts under each form.",
    )


def _by_nationality(key: str, title: str, qs: object) -> Table:
    counts = count_by(qs, "person__nationality")  # type: ignore[arg-type]
    return one_column(key, title, "Nationality", "Victims", by_code(counts, country_name, "Not recorded"))


def repatriated(year: int) -> dict[str, int]:
    """Victims returned to their country in the year, by citizenship: a case closed as returned, or a
    repatriation service delivered, in the year. Each case counts once."""
    services = PlanItem.objects.annotate(on=Coalesce("actual_end", "actual_start")).filter(
        category=ServiceCategory.REPATRIATION, status=ServiceStatus.DELIVERED, on__year=year
    )
    qs = cases_for(Filters()).filter(
        Q(closure_reason=ClosureReason.RETURNED, closed_at__year=year) | Q(pk__in=services.values("case_id"))
    )
    return count_by(qs, CITIZENSHIP)


def _repatriated_table(key: str, year: int) -> Table:
    rows = by_code(repatriated(year), country_name, "Country not recorded")
    return one_column(key, "Victims repatriated, by country of return", "Country", "Victims", rows)


def officials_trained(year: int) -> Table:
    from harbourline.training.reports import trained_by_agency_type

    counts = trained_by_agency_type(year)
    rows = [*by_choices(counts, AgencyType.choices), ("Not linked to an agency", counts.get("", 0))]
    return one_column(
        "tip_trained_by_agency_type",
        "People trained, by the type of their agency",
        "Type of agency",
        "People trained",
        rows,
        note="By the agency each person works for as recorded in Harbourline, not by a sector they declared.",
    )


def tip_tables(year: int) -> list[Table]:
    confirmed = confirmed_victims(Filters(year=year))
    potential = potential_victims(Filters(year=year))
    return [
        _sex_by_age("tip_confirmed_sex_age", "Confirmed victims, by sex and adult or child", confirmed),
        _by_form("tip_confirmed_form", "Confirmed victims, by form of exploitation", confirmed),
        _by_nationality("tip_confirmed_nationality", "Confirmed victims, by nationality", confirmed),
        _sex_by_age(
            "tip_potential_sex_age", "Potential (presumed) victims, by sex and adult or child", potential
        ),
        _by_form("tip_potential_form", "Potential (presumed) victims, by form of exploitation", potential),
        _by_nationality(
            "tip_potential_nationality", "Potential (presumed) victims, by nationality", potential
        ),
        _repatriated_table("tip_repatriated", year),
        officials_trained(year),
    ]


def glotip_tables(year: int) -> list[Table]:
    victims = confirmed_victims(Filters(year=year))
    counts = count_by_two(victims, GLOTIP_SEX, AGE_GROUP)
    sex_age = Table(
        "glotip_victims_sex_age",
        "Detected trafficking victims, by sex and age",
        "Sex",
        [label for _, label in GLOTIP_AGES],
        [(sex, [counts.get((sex, code), 0) for code, _ in GLOTIP_AGES]) for sex in GLOTIP_SEXES],
        row_totals=True,
    )
    form_rows = []
    for label, condition in GLOTIP_FORMS:
        by_sex = count_by(victims.filter(condition), GLOTIP_SEX)
        form_rows.append((label, [by_sex.get(sex, 0) for sex in GLOTIP_SEXES]))
    by_form = Table(
        "glotip_victims_form",
        "Detected trafficking victims, by form of exploitation and sex",
        "Form of exploitation",
        GLOTIP_SEXES,
        form_rows,
        column_totals=False,
        row_totals=True,
        note="A victim exploited in more than one way counts under each form.",
    )
    home = str(active_profile().get("code", ""))
    citizenship = count_by(victims, CITIZENSHIP)
    nationals = citizenship.pop(home, 0)
    unknown = sum(citizenship.pop(code, 0) for code in ("", None))
    foreign = by_code(citizenship, country_name, "Unknown")
    by_citizenship = one_column(
        "glotip_victims_citizenship",
        "Detected trafficking victims, by citizenship",
        "Citizenship",
        "Victims",
        [("Nationals", nationals), *foreign, ("Unknown", unknown)],
    )
    return [sex_age, by_form, by_citizenship, _repatriated_table("glotip_repatriated", year)]


BUILDERS = {"tip": tip_tables, "glotip": glotip_tables}


def annual_report(report: str, year: int) -> AnnualReport:
    tables = BUILDERS[report](year)
    for section in annual_sections(report):
        tables.extend(section.build(year))
    return AnnualReport(report, year, tables, missing_hooks(report))
