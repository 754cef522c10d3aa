"""Home panels for case workers: what needs doing now."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm
from harbourline.core.registry import HomePanel, register_panel

from .codes import CaseSection, CaseStatus
from .models import PlanItem, Task
from .models.care import OPEN_SERVICE_STATUSES
from .policy import own_agency_q
from .selectors import cases_visible_to, duplicate_candidates_for

ACTIVE = [
    CaseStatus.INTAKE,
    CaseStatus.SCREENING,
    CaseStatus.PRESUMED_VICTIM,
    CaseStatus.IDENTIFIED,
    CaseStatus.ASSISTANCE,
]


def _my_cases(request: HttpRequest) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    mine = cases_visible_to(user).filter(case_manager=user, status__in=ACTIVE).select_related("person")
    waiting = cases_visible_to(user).filter(
        own_agency_q(user), status=CaseStatus.INTAKE, case_manager__isnull=True
    )
    return {
        "mine": list(mine.order_by("-id")[:10]),
        "mine_count": mine.count(),
        "waiting_count": waiting.count(),
    }


def _overdue(request: HttpRequest) -> dict[str, Any]:
    """Overdue and due-this-week tasks and plan items of cases this user can see, most overdue first."""
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=7)
    visible = cases_visible_to(user, CaseSection.PLAN).filter(status__in=ACTIVE)
    tasks = Task.objects.filter(case__in=visible, done_at__isnull=True, due_on__lte=horizon).select_related(
        "case"
    )
    items = PlanItem.objects.filter(
        case__in=visible, status__in=OPEN_SERVICE_STATUSES, due_on__lte=horizon
    ).select_related("case")
    rows = [(t.due_on, "Task", t.title, t.case) for t in tasks[:30]]
    rows += [(i.due_on or today, "Plan", i.get_category_display(), i.case) for i in items[:30]]
    rows.sort(key=lambda r: (r[0], r[3].pk))
    return {"rows": rows[:20], "today": today, "overdue_count": sum(1 for r in rows if r[0] < today)}


def _approvals(request: HttpRequest) -> dict[str, Any] | None:
    user: User = request.user  # type: ignore[assignment]
    waiting = cases_visible_to(user).filter(own_agency_q(user), status=CaseStatus.PRESUMED_VICTIM)
    return {"presumed": list(waiting.order_by("-id")[:10]), "presumed_count": waiting.count()}


def _duplicates(request: HttpRequest) -> dict[str, Any] | None:
    """Cases of the supervisor's own agency that may be about the same person as another of its cases."""
    user: User = request.user  # type: ignore[assignment]
    found = duplicate_candidates_for(user)
    return {"duplicates": found} if found else None


register_panel(HomePanel("overdue", "cases/panels/overdue.html", (Perm.CASE_EDIT,), _overdue, 10))
register_panel(HomePanel("my_cases", "cases/panels/my_cases.html", (Perm.CASE_EDIT,), _my_cases, 12))
register_panel(HomePanel("approvals", "cases/panels/approvals.html", (Perm.CASE_APPROVE,), _approvals, 11))
register_panel(HomePanel("duplicates", "cases/panels/duplicates.html", (Perm.CASE_APPROVE,), _duplicates, 13))
