"""Every read of the figures, actor first. The coordinator (national case view) sees exact counts; everyone
else with the statistics permission (analysts) sees small cells as "<5", on screen and in every download.
Reads go to the replica when one is configured; downloads are audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm
from harbourline.audit.models import Outcome
from harbourline.audit.services import audit_record

from .actions import StatsAction
from .annual import REPORTS, AnnualReport, annual_report
from .filters import Filters
from .models import FigureRefresh
from .registry import FigureSection, sections
from .routers import stats_reads
from .summary import summary_is_stale, summary_ready
from .suppression import shown, small_cell_threshold
from .tables import ShownTable
from .tasks import queue_refresh


@dataclass
class SectionFigures:
    section: FigureSection
    figures: list[ShownTable]


@dataclass
class ShownReport:
    report: AnnualReport
    tables: list[ShownTable]
    exact: bool
    threshold: int


def sees_exact_figures(actor: User) -> bool:
    return actor.has_hl_perm(Perm.CASE_VIEW_NATIONAL)


def _require(actor: User, perm: Perm, what: str) -> None:
    if not (actor.is_authenticated and actor.has_hl_perm(perm)):
        audit_record(
            actor=actor if actor.is_authenticated else None,
            action=StatsAction.FIGURES_DOWNLOADED
            if perm == Perm.STATS_EXPORT
            else StatsAction.FIGURES_VIEWED,
            object_type="stats.figures",
            object_id=what,
            outcome=Outcome.DENIED,
        )
        raise PermissionDenied


def figures_as_of() -> FigureRefresh | None:
    """When the summary behind the case figures was taken (None: they are counted live)."""
    with stats_reads():
        return summary_ready()


def dashboard_figures(actor: User, filters: Filters) -> list[SectionFigures]:
    _require(actor, Perm.STATS_VIEW, "dashboard")
    exact = sees_exact_figures(actor)
    with stats_reads():
        stale = summary_is_stale(getattr(settings, "HARBOURLINE_FIGURES_MAX_AGE", 10))
    if stale:
        queue_refresh()
    with stats_reads():
        return [
            SectionFigures(s, [shown(fig(filters), exact=exact) for fig in s.figures]) for s in sections()
        ]


def annual_figures(actor: User, report: str, year: int) -> ShownReport:
    if report not in REPORTS:
        raise ValueError(f"Unknown report {report!r}: use one of {', '.join(REPORTS)}.")
    _require(actor, Perm.STATS_VIEW, report)
    exact = sees_exact_figures(actor)
    with stats_reads():
        built = annual_report(report, year)
    return ShownReport(built, [shown(t, exact=exact) for t in built.tables], exact, small_cell_threshold())


@transaction.atomic
def dashboard_download(actor: User, filters: Filters, fmt: str) -> list[SectionFigures]:
    """The dashboard's figures for a download, with the audit row of the download."""
    _require(actor, Perm.STATS_EXPORT, "dashboard")
    figures = dashboard_figures(actor, filters)
    audit_record(
        actor=actor,
        action=StatsAction.FIGURES_DOWNLOADED,
        object_type="stats.dashboard",
        object_id=filters.year or "all",
        details={**filters.describe(), "format": fmt, "exact": sees_exact_figures(actor)},
    )
    return figures


@transaction.atomic
def annual_download(actor: User, report: str, year: int, fmt: str) -> ShownReport:
    """A questionnaire for a download: exact for the coordinator (audited as such), suppressed otherwise."""
    _require(actor, Perm.STATS_EXPORT, report)
    shown_report = annual_figures(actor, report, year)
    audit_record(
        actor=actor,
        action=StatsAction.ANNUAL_EXACT_DOWNLOADED if shown_report.exact else StatsAction.ANNUAL_DOWNLOADED,
        object_type=f"stats.{report}",
        object_id=year,
        details={"format": fmt, "exact": shown_report.exact, "threshold": shown_report.threshold},
    )
    return shown_report
