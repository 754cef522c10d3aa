"""Parts of the case page contributed by the apps that own them (screening today; referrals and justice later).

Who may see a part is not decided here: ``share_section`` names the access section (a rule registered in
``cases.policy`` with ``register_section_rule``) the part renders, and the case page shows it only to users
for whom ``policy.can_read`` holds for that section. An app that adds a new kind of case data registers both:
its access rule in ``cases.policy`` and its page part here. The built-in parts (identity, case facts, plan,
notes, files, health) are rendered by the cases app itself, under the same section check. Register in your
AppConfig.ready():

    register_case_section(CaseSection(
        key="screening", title="Screening", template="screening/case_section.html",
        perms=(Perm.CASE_SCREEN, Perm.CASE_VIEW), context=lambda request, case: {...}, order=30,
        share_section="screening",
    ))

``context(request, case)`` returns the template context (``case`` and ``request`` are added) or None to
hide the section. ``perms`` further limits the part to roles holding one of them. Without ``share_section``
the part belongs to the case section.
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
