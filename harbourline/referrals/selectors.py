"""Reads of the referral mechanism, scoped like the case pages: the sending agency sees its referrals while it
owns the case; the receiving agency sees a referral only while it is active; the coordinator sees figures."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm
from harbourline.cases.models import Case
from harbourline.cases.policy import CaseNotFound

from .models import (
    ACTIVE_STATUSES,
    Referral,
    ReferralStatus,
    ServiceEntry,
    ServiceGiven,
    Transfer,
    TransferStatus,
)


def referrals_visible_q(user: User) -> Q:
    """The referrals ``user`` may open: sent by their agency while it owns the case, or sent to it and active."""
    perms = user.permissions() if user.is_active else frozenset()
    if user.agency_id is None or Perm.CASE_VIEW not in perms:
        return Q(pk__in=[])
    sent = Q(from_agency_id=user.agency_id, case__owning_agency_id=user.agency_id)
    received = Q(to_agency_id=user.agency_id, status__in=ACTIVE_STATUSES)
    return sent | received


def referral_for_user(user: User, referral_id: int) -> Referral:
    referral = (
        Referral.objects.filter(referrals_visible_q(user), pk=referral_id)
        .select_related("case", "from_agency", "to_agency", "plan_item")
        .first()
    )
    if referral is None:
        refusal = CaseNotFound(referral_id)
        refusal.object_type = "referral"
        raise refusal
    return referral


def inbox_for(user: User, limit: int = 50) -> QuerySet[Referral]:
    """Active referrals sent to the user's agency, the earliest deadline first (the received half of
    ``referrals_visible_q``, written out so the database uses the inbox index)."""
    if user.agency_id is None or Perm.CASE_VIEW not in (
        user.permissions() if user.is_active else frozenset()
    ):
        return Referral.objects.none()
    return (
        Referral.objects.filter(to_agency_id=user.agency_id, status__in=ACTIVE_STATUSES)
        .select_related("case", "from_agency")
        .only(
            "id",
            "status",
            "urgency",
            "due_at",
            "sent_at",
            "categories",
            "case__id",
            "case__number",
            "from_agency__id",
            "from_agency__name",
            "from_agency__short_name",
        )
        .order_by("due_at", "pk")[:limit]
    )


def sent_by(user: User, limit: int = 20) -> QuerySet[Referral]:
    """The latest referrals sent by the user's agency, for cases it still owns."""
    if user.agency_id is None or Perm.CASE_VIEW not in (
        user.permissions() if user.is_active else frozenset()
    ):
        return Referral.objects.none()
    return (
        Referral.objects.filter(from_agency_id=user.agency_id, case__owning_agency_id=user.agency_id)
        .select_related("case", "to_agency")
        .only(
            "id",
            "status",
            "due_at",
            "sent_at",
            "case__id",
            "case__number",
            "to_agency__id",
            "to_agency__name",
        )
        .order_by("-sent_at", "-pk")[:limit]
    )


def referrals_for_case(user: User, case: Case) -> list[Referral]:
    return list(
        Referral.objects.filter(referrals_visible_q(user), case=case)
        .select_related("to_agency", "from_agency")
        .order_by("-sent_at")
    )


def transfers_for(user: User) -> QuerySet[Transfer]:
    """Transfers offered to the user's agency and awaiting its answer."""
    if user.agency_id is None or not user.has_hl_perm(Perm.CASE_VIEW):
        return Transfer.objects.none()
    return Transfer.objects.filter(
        to_agency_id=user.agency_id, status=TransferStatus.REQUESTED
    ).select_related("case", "from_agency")


def transfer_for_user(user: User, transfer_id: int) -> Transfer:
    transfer = transfers_for(user).filter(pk=transfer_id).first()
    if transfer is None:
        refusal = CaseNotFound(transfer_id)
        refusal.object_type = "transfer"
        raise refusal
    return transfer


def directory(user: User | None = None, *, public_only: bool = False) -> QuerySet[ServiceEntry]:
    entries = ServiceEntry.objects.filter(is_active=True, agency__is_active=True).select_related("agency")
    if public_only:
        entries = entries.filter(is_public=True)
    return entries.order_by("category", "agency__name", "name")


def own_entries(user: User) -> QuerySet[ServiceEntry]:
    return ServiceEntry.objects.filter(agency_id=user.agency_id or 0).order_by("category", "name")


# --- the task force view ------------------------------------------------------------------------------------


@dataclass
class TaskForceFigures:
    awaiting: list[dict[str, object]] = field(default_factory=list)
    overdue_total: int = 0
    awaiting_total: int = 0
    days_to_screening: float | None = None
    days_to_decision: float | None = None
    days_to_first_service: float | None = None
    cases_measured: dict[str, int] = field(default_factory=dict)


def _screening_table() -> str:
    from harbourline.cases.screening.models import Screening

    return Screening._meta.db_table


def _decision_table() -> str:
    from harbourline.cases.models import IdentificationDecision

    return IdentificationDecision._meta.db_table


def _first_service_table() -> str:
    return (
        f"(SELECT r.case_id, g.given_on FROM {ServiceGiven._meta.db_table} g "  # noqa: S608 (table names from the models)
        f"JOIN {Referral._meta.db_table} r ON r.id = g.referral_id)"
    )


_MILESTONES = {
    "screening": (_screening_table, "interviewed_on"),
    "decision": (_decision_table, "decided_on"),
    "first_service": (_first_service_table, "given_on"),
}


def _median_days_to(table: str, column: str, since: datetime.date | None) -> tuple[float | None, int]:
    """Median days from intake to the first ``column`` of ``table`` per case, computed in the database on
    PostgreSQL (percentile_cont), in Python elsewhere."""
    where = "c.purged_at IS NULL" + (" AND c.intake_date >= %s" if since else "")
    params: list[datetime.date] = [since] if since else []
    # Only table and column names from the models are put in the text; values go as parameters.
    inner = (
        f"SELECT c.intake_date AS start, MIN(m.{column}) AS reached FROM {Case._meta.db_table} c "  # noqa: S608
        f"JOIN {table} m ON m.case_id = c.id WHERE {where} GROUP BY c.id, c.intake_date"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY reached - start), COUNT(*) FROM ({inner}) t",  # noqa: S608
                params,
            )
            median, count = cursor.fetchone()
            return (float(median) if median is not None else None), int(count)
        cursor.execute(inner, params)
        rows = cursor.fetchall()
    pairs = [(_as_date(a), _as_date(b)) for a, b in rows]
    return _median_days(pairs)  # type: ignore[arg-type]


def _as_date(value: object) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value  # type: ignore[return-value]
    return datetime.date.fromisoformat(str(value)[:10])


def _median_days(
    pairs: list[tuple[datetime.date, datetime.date | datetime.datetime | None]],
) -> tuple[float | None, int]:
    days = []
    for start, end in pairs:
        if end is None:
            continue
        end_date = end.date() if isinstance(end, datetime.datetime) else end
        days.append((end_date - start).days)
    return (float(statistics.median(days)) if days else None), len(days)


def taskforce_figures(user: User, since: datetime.date | None = None) -> TaskForceFigures:
    """For the coordinator: referrals awaiting an answer and overdue by agency and service; median days from
    intake to screening, to the identification decision and to the first service given."""
    if not user.has_hl_perm(Perm.CASE_VIEW_NATIONAL):
        raise CaseNotFound("taskforce")
    now = timezone.now()
    figures = TaskForceFigures()
    waiting = Referral.objects.filter(status=ReferralStatus.SENT)
    rows = (
        waiting.values("to_agency_id", "to_agency__name", "categories")
        .annotate(waiting=Count("id"), late=Count("id", filter=Q(due_at__lt=now)))
        .order_by("to_agency__name")
    )
    counts: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        for category in row["categories"] or ["other"]:
            pair = counts.setdefault((row["to_agency__name"], category), [0, 0])
            pair[0] += row["waiting"]
            pair[1] += row["late"]
    figures.awaiting = [
        {"agency": agency, "category": category, "awaiting": n, "overdue": late}
        for (agency, category), (n, late) in sorted(counts.items(), key=lambda kv: (-kv[1][1], kv[0]))
    ]
    figures.awaiting_total = waiting.count()
    figures.overdue_total = waiting.filter(due_at__lt=now).count()
    for milestone, (table, column) in _MILESTONES.items():
        median, count = _median_days_to(table(), column, since)
        setattr(figures, f"days_to_{milestone}", median)
        figures.cases_measured[milestone] = count
    return figures


def public_services() -> list[dict[str, object]]:
    """The public entries of the directory, by kind of service, for the public 'where to get help' page.
    Category names are translated; each entry is in its agency's own words."""
    from .public import category_label

    groups: dict[str, list[ServiceEntry]] = {}
    for entry in directory(public_only=True):
        groups.setdefault(entry.category, []).append(entry)
    return [{"label": category_label(code), "entries": entries} for code, entries in groups.items()]
