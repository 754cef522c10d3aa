"""The Act's protections on the case page and on home panels: registered by the cases app's ready()."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm
from harbourline.core.registry import HomePanel, register_panel

from .codes import CaseSection as Section
from .sections import CaseSection, register_case_section
from .selectors_protection import non_punishment_alerts, overdue_follow_ups, protection_overview


def _section(request: HttpRequest, case: Any) -> dict[str, Any] | None:
    return {"p": protection_overview(request.user, case)}  # type: ignore[arg-type]


def _non_punishment(request: HttpRequest) -> dict[str, Any] | None:
    """Supervisors: own-agency cases whose person has an open charge linked to being trafficked."""
    user: User = request.user  # type: ignore[assignment]
    cases = non_punishment_alerts(user)
    return {"cases": cases} if cases else None


def _follow_ups(request: HttpRequest) -> dict[str, Any] | None:
    """Case managers: reintegration contacts past their date on the closed cases they manage."""
    user: User = request.user  # type: ignore[assignment]
    contacts = overdue_follow_ups(user)
    return {"contacts": contacts} if contacts else None


def register() -> None:
    register_case_section(
        CaseSection(
            key="act_protections",
            title="Protection under the Act",
            template="cases/protection/case_section.html",
            perms=(),
            context=_section,
            order=40,
            share_section=Section.CASE,
        )
    )
    register_panel(
        HomePanel(
            "non_punishment", "cases/panels/non_punishment.html", (Perm.CASE_APPROVE,), _non_punishment, 9
        )
    )
    register_panel(
        HomePanel("follow_ups", "cases/panels/follow_ups.html", (Perm.CASE_EDIT,), _follow_ups, 14)
    )
