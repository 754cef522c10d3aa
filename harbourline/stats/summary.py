"""Counts behind the case figures: read live from the case tables, or from the summary the worker keeps.

Each ``CountSpec`` says, once, what a figure counts and how its filters apply; the live query and the summary
rebuild both come from it, so the two give the same numbers (a test holds them equal).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import connections, transaction
from django.db.models import Count, F, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from harbourline.cases.models import Case, PlanItem
from harbourline.cases.models.care import ServiceStatus

from .filters import Filters
from .models import FigureCount, FigureRefresh

FLAGS = dict(Case.FORM_FLAGS)
BLANK = Value("")


@dataclass(frozen=True)
class CountSpec:
    name: str
    base: Callable[[], QuerySet[Any]]
    year: Any
    key: Any
    key2: Any = BLANK
    agency: str = "owning_agency_id"
    district: str = "district"
    prefix: str = ""  # path from the counted model to the case


def _identified() -> QuerySet[Case]:
    return Case.objects.order_by().filter(identified_on__isnull=False)


def _specs() -> dict[str, CountSpec]:
    def victims(name: str, key: Any) -> CountSpec:
        return CountSpec(name, _identified, ExtractYear("identified_on"), key)

    specs = [
        CountSpec(
            "cases_by_year_and_status",
            Case.objects.order_by,
            ExtractYear("intake_date"),
            F("status"),
            ExtractYear("intake_date"),
        ),
        victims("victims_by_sex", F("person__gender")),
        victims("victims_by_age_band", F("person__age_band")),
        victims("victims_by_nationality", F("person__nationality")),
        victims("victims_by_district", F("district")),
        CountSpec(
            "services_delivered",
            lambda: PlanItem.objects.order_by().filter(status=ServiceStatus.DELIVERED),
            ExtractYear(Coalesce("actual_end", "actual_start")),
            F("category"),
            agency="case__owning_agency_id",
            district="case__district",
            prefix="case__",
        ),
    ]
    specs += [victims(f"victims_by_form:{code}", Value(code)) for code in FLAGS]
    return {s.name: s for s in specs}


SPECS = _specs()
_source: ContextVar[str] = ContextVar("harbourline_figures_source", default="auto")


@contextmanager
def figures_source(source: str) -> Iterator[None]:
    """Force "live" (the case tables) or "summary" (the worker's counts) for the figures in this block."""
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


def _live_rows(spec: CountSpec, f: Filters, *, with_dims: bool) -> QuerySet[Any]:
    qs = spec.base()
    if spec.name.startswith("victims_by_form:"):
        qs = qs.filter(**{FLAGS[spec.name.split(":", 1)[1]]: True})
    if f.agency:
        qs = qs.filter(**{spec.agency: f.agency})
    if f.district:
        qs = qs.filter(**{spec.district: f.district})
    if f.form:
        qs = qs.filter(**{spec.prefix + FLAGS[f.form]: True})
    qs = qs.annotate(figure_year=spec.year)
    if f.year:
        qs = qs.filter(figure_year=f.year)
    if with_dims:
        dims = {"a": F(spec.agency), "d": F(spec.district)}
        return qs.values("figure_year", k=spec.key, k2=spec.key2, **dims).annotate(n=Count("*"))
    return qs.values(k=spec.key, k2=spec.key2).annotate(n=Count("*"))


def summary_ready() -> FigureRefresh | None:
    return FigureRefresh.objects.filter(pk=1).first()


def counts(name: str, f: Filters) -> dict[tuple[Any, Any], int]:
    """{(key, key2): n} for the figure ``name`` under the filters, from the summary when there is one."""
    spec = SPECS[name]
    source = _source.get()
    if source == "summary" or (source == "auto" and summary_ready() is not None):
        qs = FigureCount.objects.filter(figure=name, form=f.form or "")
        if f.year:
            qs = qs.filter(year=f.year)
        if f.agency:
            qs = qs.filter(agency_id=f.agency)
        if f.district:
            qs = qs.filter(district=f.district)
        rows = (
            qs.order_by().values("key", "key2").annotate(total=Sum("n")).values_list("key", "key2", "total")
        )
        return {(k, k2): int(n) for k, k2, n in rows}
    return {(r["k"], r["k2"]): r["n"] for r in _live_rows(spec, f, with_dims=False)}


@transaction.atomic
def figure_counts_refresh() -> FigureRefresh:
    """Rebuild the summary from the case tables, in one transaction: readers see the old counts or the new."""
    started = time.perf_counter()
    connection = connections["default"]
    table = FigureCount._meta.db_table
    FigureCount.objects.all().delete()
    with connection.cursor() as cursor:
        for spec in SPECS.values():
            for form in ["", *FLAGS]:
                rows = _live_rows(spec, Filters(form=form), with_dims=True).values_list(
                    "figure_year", "a", "d", "k", "k2", "n"
                )
                sql, params = rows.query.get_compiler(connection=connection).as_sql()
                cursor.execute(
                    f"INSERT INTO {table} (figure, form, year, agency_id, district, key, key2, n) "  # noqa: S608
                    f"SELECT %s, %s, s.figure_year, s.a, s.d, s.k, s.k2, s.n FROM ({sql}) s",
                    [spec.name, form, *params],
                )
    refresh, _ = FigureRefresh.objects.update_or_create(
        pk=1,
        defaults={
            "refreshed_at": timezone.now(),
            "took_ms": int((time.perf_counter() - started) * 1000),
            "rows": FigureCount.objects.count(),
        },
    )
    return refresh


def summary_is_stale(max_age_minutes: int) -> bool:
    refresh = summary_ready()
    return refresh is None or (timezone.now() - refresh.refreshed_at).total_seconds() > max_age_minutes * 60
