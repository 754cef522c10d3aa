"""Figures about victims, with presumed (potential) and confirmed (identified) victims kept apart.

The TIP report and the UNODC questionnaire ask for both, and a count that mixes them overstates the
identifications. Every place that draws a figure of "victims" uses these functions (the statistics app among
them), never a raw ``Case.objects.count()``:

- ``with_victim_status(cases)`` annotates each case with ``victim_status`` (one of ``VictimStatus``);
- ``victims_by_status(actor, ...)`` counts the cases the actor may read the case section of, by that status.

A case is **confirmed** once a formal identification decision identified the person (``identified_on`` is
set), whatever happened after (assistance, closure). It is **not a victim** when screening or a decision said
so (status "not a victim", or closed with that reason) and it was never confirmed. It is **presumed** when it
reached "presumed victim" at some point (its status now, or a "presume_victim" step in its history) and is
neither confirmed nor found not to be a victim. Everything else (intake, screening under way) is
**unresolved**: not a victim figure at all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case as Choose
from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet, Value, When

from .codes import CaseSection, CaseStatus, ClosureReason
from .models import Case, CaseEvent

if TYPE_CHECKING:
    from harbourline.accounts.models import User


class VictimStatus:
    CONFIRMED = "confirmed"
    PRESUMED = "presumed"
    NOT_A_VICTIM = "not_a_victim"
    UNRESOLVED = "unresolved"

    LABELS = {
        CONFIRMED: "Confirmed (identified) victims",
        PRESUMED: "Presumed (potential) victims",
        NOT_A_VICTIM: "Found not to be victims",
        UNRESOLVED: "Not yet screened or decided",
    }


def with_victim_status(cases: QuerySet[Case]) -> QuerySet[Case]:
    """``cases`` annotated with ``victim_status``."""
    presumed_once = CaseEvent.objects.filter(case=OuterRef("pk"), kind="presume_victim")
    return cases.annotate(
        victim_status=Choose(
            When(identified_on__isnull=False, then=Value(VictimStatus.CONFIRMED)),
            When(
                Q(status=CaseStatus.NOT_A_VICTIM)
                | Q(status=CaseStatus.CLOSED, closure_reason=ClosureReason.NOT_A_VICTIM),
                then=Value(VictimStatus.NOT_A_VICTIM),
            ),
            When(
                Q(status=CaseStatus.PRESUMED_VICTIM) | Q(Exists(presumed_once)),
                then=Value(VictimStatus.PRESUMED),
            ),
            default=Value(VictimStatus.UNRESOLVED),
            output_field=CharField(),
        )
    )


@dataclass(frozen=True)
class VictimCounts:
    confirmed: int = 0
    presumed: int = 0
    not_a_victim: int = 0
    unresolved: int = 0

    def rows(self) -> list[tuple[str, str, int]]:
        """(code, label, count), confirmed first."""
        return [(code, label, getattr(self, code)) for code, label in VictimStatus.LABELS.items()]


def victims_by_status(
    actor: User,
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    agency_id: int | None = None,
) -> VictimCounts:
    """Cases the actor may read the case section of, counted by victim status (see the module docstring).

    ``since``/``until`` bound the intake date (inclusive); ``agency_id`` limits to one owning agency. The
    national coordinator gets national figures; others get their agency's cases and those shared with it."""
    from .selectors import cases_visible_to

    cases = cases_visible_to(actor, CaseSection.CASE).filter(purged_at__isnull=True)
    if since is not None:
        cases = cases.filter(intake_date__gte=since)
    if until is not None:
        cases = cases.filter(intake_date__lte=until)
    if agency_id is not None:
        cases = cases.filter(owning_agency_id=agency_id)
    annotated = with_victim_status(cases)
    counted = annotated.values("victim_status").annotate(n=Count("id")).order_by()  # type: ignore[misc]
    return VictimCounts(**{row["victim_status"]: row["n"] for row in counted})
