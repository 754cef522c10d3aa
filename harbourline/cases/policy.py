"""Who may see which sections of a case. The only place these rules live.

- Staff of the owning agency with the case permission see every section, except health (needs the health
  permission) and criminal justice (needs the justice permission).
- Staff of an agency with an active share see the shared sections, with the same two exceptions.
- The national coordinator sees the non-sensitive sections of every case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from harbourline.accounts.permissions import Perm

from .codes import CaseSection

if TYPE_CHECKING:
    from harbourline.accounts.models import User

    from .models import Case

ALL_SECTIONS = frozenset(s.value for s in CaseSection)
NATIONAL_SECTIONS = frozenset({CaseSection.CASE.value, CaseSection.SCREENING.value, CaseSection.PLAN.value})
GUARDED = {CaseSection.HEALTH.value: Perm.CASE_HEALTH, CaseSection.JUSTICE.value: Perm.CASE_JUSTICE}


def _allowed_by_perms(user: User, sections: frozenset[str] | set[str]) -> set[str]:
    return {s for s in sections if s not in GUARDED or user.has_hl_perm(GUARDED[s])}


def visible_sections(
    user: User, case: Case, active_share_sections: list[list[str]] | None = None
) -> set[str]:
    """Sections of ``case`` that ``user`` may see (empty: the case is invisible to them).

    ``active_share_sections`` lists the sections of the case's active shares with the user's agency; it is
    read from the database when not given.
    """
    if not user.is_active or user.agency_id is None:
        return set()
    sections: set[str] = set()
    if user.has_hl_perm(Perm.CASE_VIEW):
        if case.owning_agency_id == user.agency_id:
            sections |= _allowed_by_perms(user, ALL_SECTIONS)
        else:
            if active_share_sections is None:
                active_share_sections = list(
                    case.shares.filter(agency_id=user.agency_id, revoked_at__isnull=True).values_list(
                        "sections", flat=True
                    )
                )
            for shared in active_share_sections:
                sections |= _allowed_by_perms(user, set(shared) & ALL_SECTIONS)
    if user.has_hl_perm(Perm.CASE_VIEW_NATIONAL):
        sections |= NATIONAL_SECTIONS
    return sections
