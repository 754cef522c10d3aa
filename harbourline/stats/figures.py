"""One function per dashboard figure, each ``figure(filters) -> Table`` over exact counts.

Figures read the derived, non-identifying columns (sex, age band, nationality, district, forms, dates) and
never decrypt. Who may see them, and whether small cells are hidden, is decided in selectors.py. Other apps add
their figures the same way (registry.register_section).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Case as CaseWhen
from django.db.models import Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf

from harbourline.cases.codes import AgeBand, CaseStatus, ExploitationForm, Gender
from harbourline.cases.models import Case
from harbourline.cases.models.care import ServiceCategory
from harbourline.country.selectors import country_name, district_name
from harbourline.public.tips.models import Channel, HeardVia, Tip

from .filters import Filters
from .registry import FigureSection, register_section
from .summary import counts
from .tables import Table

CHILD_BANDS = [AgeBand.A0_8, AgeBand.A9_17]
# Adult, child or unknown: under 18 at identification when recorded, else from the age band.
AGE_GROUP = CaseWhen(
    When(person__is_minor=True, then=Value("child")),
    When(person__is_minor=False, then=Value("adult")),
    When(person__age_band__in=CHILD_BANDS, then=Value("child")),
    When(person__age_band=AgeBand.UNKNOWN, then=Value("unknown")),
    default=Value("adult"),
)
AGE_GROUPS = [("child", "Children (under 18)"), ("adult", "Adults (18 and over)"), ("unknown", "Age unknown")]
# Citizenship when it differs from nationality, else nationality; blank when neither is recorded.
CITIZENSHIP = Coalesce(NullIf("person__citizenship", Value("")), "person__nationality")
POTENTIAL_STATUSES = [CaseStatus.PRESUMED_VICTIM, CaseStatus.ASSISTANCE]


def cases_for(f: Filters) -> QuerySet[Case]:
    """Cases under the agency, form and district filters (the year is each figure's own)."""
    qs = Case.objects.order_by()
    if f.agency:
        qs = qs.filter(owning_agency_id=f.agency)
    if f.district:
        qs = qs.filter(district=f.district)
    if f.form:
        qs = qs.filter(**{Case.FORM_FLAGS[f.form]: True})
    return qs


def confirmed_victims(f: Filters) -> QuerySet[Case]:
    """Identified victims: a formal identification decision, counted in the year of that decision."""
    qs = cases_for(f).filter(identified_on__isnull=False)
    return qs.filter(identified_on__year=f.year) if f.year else qs


def potential_victims(f: Filters) -> QuerySet[Case]:
    """Presumed (potential) victims: presumed or assisted without a formal identification yet, counted in the
    year the case was registered."""
    qs = cases_for(f).filter(identified_on__isnull=True, status__in=POTENTIAL_STATUSES)
    return qs.filter(intake_date__year=f.year) if f.year else qs


def _expr(expr: Any) -> Any:
    return F(expr) if isinstance(expr, str) else expr


def count_by(qs: QuerySet[Any], expr: Any) -> dict[Any, int]:
    return dict(qs.values(k=_expr(expr)).annotate(n=Count("*")).values_list("k", "n"))


def count_by_two(qs: QuerySet[Any], first: Any, second: Any) -> dict[tuple[Any, Any], int]:
    rows = qs.values(a=_expr(first), b=_expr(second)).annotate(n=Count("*")).values_list("a", "b", "n")
    return {(a, b): n for a, b, n in rows}


def form_counts(qs: QuerySet[Case]) -> dict[str, int]:
    """Cases per form of exploitation (a case with two forms counts under each), in one query."""
    sums = qs.aggregate(
        **{code: Count("pk", filter=Q(**{flag: True})) for code, flag in Case.FORM_FLAGS.items()}
    )
    return {code: int(sums[code] or 0) for code in Case.FORM_FLAGS}


def one_column(
    key: str, title: str, header: str, column: str, rows: Iterable[tuple[str, int]], **kw: Any
) -> Table:
    return Table(key, title, header, [column], [(label, [n]) for label, n in rows], **kw)


def by_choices(counts: dict[Any, int], choices: Iterable[tuple[Any, str]]) -> list[tuple[str, int]]:
    return [(str(label), counts.get(code, 0)) for code, label in choices]


def by_code(counts: dict[Any, int], name: Any, blank: str) -> list[tuple[str, int]]:
    """Rows for codes found in the data, biggest first, the blank ones last under ``blank``."""
    found = sorted(((name(code), n) for code, n in counts.items() if code), key=lambda r: (-r[1], r[0]))
    missing = sum(n for code, n in counts.items() if not code)
    return found + ([(blank, missing)] if missing else [])


# Cases and victims --------------------------------------------------------------------------------------------


def _one_key(name: str, f: Filters) -> dict[Any, int]:
    return {key: n for (key, _), n in counts(name, f).items()}


def cases_by_year_and_status(f: Filters) -> Table:
    found = {(int(year), status): n for (status, year), n in counts("cases_by_year_and_status", f).items()}
    years = sorted({year for year, _ in found}, reverse=True)
    statuses = list(CaseStatus.choices)
    rows = [(str(y), [found.get((y, code), 0) for code, _ in statuses]) for y in years]
    return Table(
        "cases_by_year_and_status",
        "Cases registered, by year and status",
        "Year registered",
        [str(label) for _, label in statuses],
        rows,
        row_totals=True,
    )


def victims_by_sex(f: Filters) -> Table:
    rows = by_choices(_one_key("victims_by_sex", f), Gender.choices)
    return one_column("victims_by_sex", "Victims identified, by sex", "Sex", "Victims", rows)


def victims_by_age_band(f: Filters) -> Table:
    rows = by_choices(_one_key("victims_by_age_band", f), AgeBand.choices)
    return one_column("victims_by_age_band", "Victims identified, by age band", "Age band", "Victims", rows)


def victims_by_nationality(f: Filters) -> Table:
    rows = by_code(_one_key("victims_by_nationality", f), country_name, "Not recorded")
    return one_column(
        "victims_by_nationality", "Victims identified, by nationality", "Nationality", "Victims", rows
    )


def victims_by_form(f: Filters) -> Table:
    found = {code: sum(_one_key(f"victims_by_form:{code}", f).values()) for code in Case.FORM_FLAGS}
    return one_column(
        "victims_by_form",
        "Victims identified, by form of exploitation",
        "Form of exploitation",
        "Victims",
        by_choices(found, ExploitationForm.choices),
        column_totals=False,
        note="A victim exploited in more than one way counts under each form, so there is no total.",
    )


def victims_by_district(f: Filters) -> Table:
    rows = by_code(_one_key("victims_by_district", f), district_name, "Not recorded")
    return one_column(
        "victims_by_district", "Victims identified, by district of intake", "District", "Victims", rows
    )


def services_delivered(f: Filters) -> Table:
    """Services of the case plans that were delivered, in the year they ended (or started, if still open)."""
    return one_column(
        "services_delivered",
        "Services delivered to victims, by kind",
        "Service",
        "Services delivered",
        by_choices(_one_key("services_delivered", f), ServiceCategory.choices),
    )


# Tips ---------------------------------------------------------------------------------------------------------


def tips_for(f: Filters) -> QuerySet[Tip]:
    qs = Tip.objects.order_by()
    if f.year:
        qs = qs.filter(received_at__year=f.year)
    if f.district:
        qs = qs.filter(district=f.district)
    return qs


def tips_by_channel(f: Filters) -> Table:
    counts = count_by(tips_for(f), "channel")
    return one_column(
        "tips_by_channel", "Tips received, by channel", "Channel", "Tips", by_choices(counts, Channel.choices)
    )


def tips_by_heard_via(f: Filters) -> Table:
    counts = count_by(tips_for(f), "heard_via")
    rows = [*by_choices(counts, HeardVia.choices), ("Not answered", counts.get("", 0))]
    return one_column(
        "tips_by_heard_via", 'Tips received, by "how did you hear about us"', "Heard through", "Tips", rows
    )


# Training (read through the training app's own report) -------------------------------------------------------


def _trained(f: Filters, title: str, key: str, header: str) -> Table:
    from harbourline.training.reports import training_figures

    figures = training_figures(f.year)
    breakdown = next(b for b in figures["breakdowns"] if b.title == title)
    rows = [(label, [people, attendances]) for label, people, attendances in breakdown.rows]
    return Table(key, f"People trained, {title.lower()}", header, ["People trained", "Attendances"], rows)


def trained_by_sector(f: Filters) -> Table:
    return _trained(f, "By sector", "trained_by_sector", "Sector")


def trained_by_sex(f: Filters) -> Table:
    return _trained(f, "By sex", "trained_by_sex", "Sex")


def trained_by_agency(f: Filters) -> Table:
    return _trained(f, "By agency or organisation", "trained_by_agency", "Agency or organisation")


register_section(
    FigureSection(
        "cases",
        "Cases and victims",
        (
            cases_by_year_and_status,
            victims_by_sex,
            victims_by_age_band,
            victims_by_nationality,
            victims_by_form,
            victims_by_district,
            services_delivered,
        ),
        order=10,
    )
)
register_section(
    FigureSection(
        "tips",
        "Tips from the public",
        (tips_by_channel, tips_by_heard_via),
        order=40,
        honours=frozenset({"year", "district"}),
        note="Tips are not tied to an agency or a form of exploitation: those filters do not apply here.",
    )
)
register_section(
    FigureSection(
        "training",
        "People trained",
        (trained_by_sector, trained_by_sex, trained_by_agency),
        order=60,
        honours=frozenset({"year"}),
        note="Counted by the training programme's own figures: only the year filter applies here.",
    )
)
