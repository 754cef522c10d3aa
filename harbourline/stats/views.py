from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm

from . import exports, selectors
from .annual import REPORTS
from .charts import bar_chart
from .filters import Filters
from .forms import AnnualForm, FiltersForm
from .registry import ALL_FILTERS

FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": exports.XLSX, "json": "application/json"}


def _filters(request: HttpRequest) -> tuple[FiltersForm, Filters]:
    form = FiltersForm(request.GET or None)
    if request.GET and form.is_valid():
        return form, form.filters()
    if request.GET:
        messages.error(request, "Some filters were not valid, so all figures are shown unfiltered.")
    return form, Filters()


def _attachment(body: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_perm(Perm.STATS_VIEW)
def dashboard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form, filters = _filters(request)
    sections = selectors.dashboard_figures(user, filters)
    charts = [
        (
            s.section,
            [(t, bar_chart(t)) for t in s.figures],
            # the filters chosen that this section cannot apply, so the page can say so
            sorted(k for k in ALL_FILTERS - s.section.honours if getattr(filters, k)),
        )
        for s in sections
    ]
    year = filters.year or timezone.localdate().year - 1
    return render(
        request,
        "stats/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "query": filters.as_query(),
            "charts": charts,
            "exact": selectors.sees_exact_figures(user),
            "threshold": selectors.small_cell_threshold(),
            "annual_form": AnnualForm(initial={"year": str(year)}),
            "reports": REPORTS,
            "can_export": user.has_hl_perm(Perm.STATS_EXPORT),
            "as_of": selectors.figures_as_of(),
        },
    )


@require_perm(Perm.STATS_EXPORT)
def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown format")
    user: User = request.user  # type: ignore[assignment]
    _, filters = _filters(request)
    sections = selectors.dashboard_download(user, filters, fmt)
    tables = [t for s in sections for t in s.figures]
    heading = f"Harbourline national figures ({filters.as_query() or 'all years, no filters'})"
    if fmt == "csv":
        body = exports.to_csv(heading, tables)
    else:
        body = exports.to_xlsx([(s.section.title, s.section.title, s.figures) for s in sections])
    return _attachment(body, fmt, f"figures-{filters.year or 'all'}")


@require_perm(Perm.STATS_VIEW)
def annual(request: HttpRequest, report: str) -> HttpResponse:
    if report not in REPORTS:
        raise Http404("Unknown report")
    user: User = request.user  # type: ignore[assignment]
    form = AnnualForm(request.GET or None)
    year = int(form.cleaned_data["year"]) if form.is_valid() else timezone.localdate().year - 1
    shown = selectors.annual_figures(user, report, year)
    return render(
        request,
        "stats/annual.html",
        {
            "form": form,
            "shown": shown,
            "report": report,
            "year": year,
            "charts": [(t, bar_chart(t)) for t in shown.tables],
        },
    )


@require_perm(Perm.STATS_EXPORT)
def annual_export(request: HttpRequest, report: str, fmt: str) -> HttpResponse:
    if report not in REPORTS or fmt not in ("json", "xlsx"):
        raise Http404("Unknown report or format")
    form = AnnualForm(request.GET or None)
    if not form.is_valid():
        messages.error(request, "Choose a year from the list to download the figures.")
        return annual(request, report)
    year = int(form.cleaned_data["year"])
    shown = selectors.annual_download(request.user, report, year, fmt)  # type: ignore[arg-type]
    if fmt == "json":
        body = exports.to_json(annual_payload(shown))
    else:
        body = exports.to_xlsx([(report.upper(), shown.report.title, shown.tables)])
    suffix = "exact" if shown.exact else "suppressed"
    return _attachment(body, fmt, f"{report}-{year}-{suffix}")


def annual_payload(shown: selectors.ShownReport) -> dict[str, object]:
    return {
        "report": shown.report.report,
        "title": shown.report.title,
        "year": shown.report.year,
        "exact": shown.exact,
        "small_cells": None if shown.exact else f"counts from 1 to {shown.threshold - 1} are shown as <5",
        "tables": [exports.table_json(t) for t in shown.tables],
        "not_recorded_here": [{"key": k, "title": t} for k, t in shown.report.not_recorded],
    }
