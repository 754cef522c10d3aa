from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEvent


@dataclass
class AuditFilter:
    user_id: int | None = None
    agency_id: int | None = None
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    outcome: str = ""


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_event_list(
    *, filters: AuditFilter, before_seq: int | None = None, limit: int = 50
) -> list[AuditEvent]:
    """Newest first, paginated by key (``before_seq``), with actor and agency in the same query."""
    qs: QuerySet[AuditEvent] = AuditEvent.objects.select_related("actor", "agency").order_by("-seq")
    if filters.user_id:
        qs = qs.filter(actor_id=filters.user_id)
    if filters.agency_id:
        qs = qs.filter(agency_id=filters.agency_id)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id)
    if filters.outcome:
        qs = qs.filter(outcome=filters.outcome)
    if filters.date_from:
        qs = qs.filter(occurred_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(occurred_at__lt=_day_start(filters.date_to + datetime.timedelta(days=1)))
    if before_seq:
        qs = qs.filter(seq__lt=before_seq)
    return list(qs[:limit])


def audit_object_types() -> list[str]:
    return list(
        AuditEvent.objects.exclude(object_type="")
        .values_list("object_type", flat=True)
        .distinct()
        .order_by("object_type")
    )
