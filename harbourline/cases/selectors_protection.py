"""Reads of the Act's protections on a case, and the alerts and follow-ups the home panels show.

All read the case section of ``cases.policy``: the actor comes first and sees only what that allows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from harbourline.country.selectors import country_name

from .codes import CaseSection
from .models import Case
from .models.protection import ChargeStatus, PersonCharge, ReintegrationContact
from .policy import CaseNotFound, can_read, own_agency_q

if TYPE_CHECKING:
    from harbourline.accounts.models import User


def open_consequence_charges() -> QuerySet[PersonCharge]:
    """Open charges against a case's person for an act committed as a consequence of being trafficked."""
    return PersonCharge.objects.filter(status=ChargeStatus.OPEN, consequence_of_trafficking=True)


@dataclass
class ProtectionOverview:
    information: list[Any] = field(default_factory=list)
    accommodations: list[Any] = field(default_factory=list)
    charges: list[Any] = field(default_factory=list)
    decisions: list[Any] = field(default_factory=list)
    repatriations: list[Any] = field(default_factory=list)
    child_referrals: list[Any] = field(default_factory=list)
    negative_decisions: list[Any] = field(default_factory=list)
    follow_ups: list[Any] = field(default_factory=list)
    alert_charges: list[Any] = field(default_factory=list)
    child_case: bool = False
    today: datetime.date = field(default_factory=timezone.localdate)


def protection_overview(actor: User, case: Case) -> ProtectionOverview:
    """Everything recorded under the Act on ``case``, for a reader of its case section."""
    from .services.protection import is_child_case

    if not can_read(actor, case, CaseSection.CASE):
        raise CaseNotFound(case.pk, section=CaseSection.CASE)
    charges = list(case.person_charges.all())
    repatriations = list(case.repatriations.all())
    for repatriation in repatriations:
        repatriation.country_label = country_name(repatriation.country)  # type: ignore[attr-defined]
    return ProtectionOverview(
        information=list(case.information_given.select_related("recorded_by")),
        accommodations=list(case.accommodations.all()),
        charges=charges,
        decisions=list(case.non_punishment_decisions.select_related("charge")),
        repatriations=repatriations,
        child_referrals=list(case.child_protection_referrals.all()),
        negative_decisions=list(case.decisions.filter(identified=False).prefetch_related("reviews")),
        follow_ups=list(case.reintegration_contacts.all()),
        alert_charges=[c for c in charges if c.needs_non_punishment],
        child_case=is_child_case(case),
    )


def non_punishment_alerts(actor: User, *, limit: int = 20) -> list[Case]:
    """Cases of the actor's own agency whose person has an open charge for an act committed as a consequence
    of being trafficked (the supervisors' home panel)."""
    from .selectors import cases_visible_to

    charged = open_consequence_charges().filter(case=OuterRef("pk"))
    cases = cases_visible_to(actor, CaseSection.CASE).filter(own_agency_q(actor)).filter(Exists(charged))
    return list(cases.order_by("-id")[:limit])


def overdue_follow_ups(actor: User, *, limit: int = 20) -> list[ReintegrationContact]:
    """Reintegration contacts past their date, not yet made, on closed cases the actor manages."""
    from .selectors import cases_visible_to

    mine = cases_visible_to(actor, CaseSection.CASE).filter(case_manager=actor)
    return list(
        ReintegrationContact.objects.filter(
            case__in=mine, done_on__isnull=True, due_on__lt=timezone.localdate()
        )
        .select_related("case")
        .order_by("due_on", "id")[:limit]
    )
