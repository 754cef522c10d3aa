"""Sections of the case page contributed by the apps that own them (screening, case plan, notes, ...).

The cases app renders every registered section the user may see, in order, on the case page. Register in
your AppConfig.ready():

    register_case_section(CaseSection(
        key="screening", title="Screening", template="screening/case_section.html",
        perms=(Perm.CASE_SCREEN, Perm.CASE_VIEW), context=lambda request, case: {...}, order=30,
        share_section="screening",
    ))

``context(request, case)`` returns the template context (``case`` and ``request`` are added) or None to
hide the section. ``share_section`` names the section a case share must include for a user of a partner
agency to see it (see the cases app's sharing rules); None means owning agency only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from harbourline.accounts.permissions import Perm


@dataclass(frozen=True)
class CaseSection:
    key: str
    title: str
    template: str
    perms: tuple[Perm, ...]
    context: Callable[[HttpRequest, Any], dict[str, Any] | None]
    order: int = 50
    share_section: str | None = None


_SECTIONS: dict[str, CaseSection] = {}


def register_case_section(section: CaseSection) -> None:
    _SECTIONS[section.key] = section


def case_sections() -> list[CaseSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))
