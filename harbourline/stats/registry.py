"""Where apps plug their figures in, in their AppConfig.ready(), the way stats registers its own.

- ``register_section(FigureSection(...))``: a section of the dashboard, one function per figure, each
  ``figure(filters) -> Table``. The referrals app adds "Referrals and their times" this way.
- ``register_annual_section(AnnualSection(...))``: figures of the annual questionnaires (``report`` is
  ``"tip"`` or ``"glotip"``), each ``build(year) -> list[Table]``. The justice app adds its figures under the
  keys in ``JUSTICE_HOOKS``: until it does, the questionnaires say these figures are not recorded here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .filters import Filters
from .tables import Table

FigureFunc = Callable[[Filters], Table]
ALL_FILTERS = frozenset({"year", "agency", "form", "district"})


@dataclass(frozen=True)
class FigureSection:
    key: str
    title: str
    figures: tuple[FigureFunc, ...]
    order: int = 50
    honours: frozenset[str] = ALL_FILTERS  # the filters this section's figures apply
    note: str = ""


@dataclass(frozen=True)
class AnnualSection:
    key: str
    report: str  # "tip" or "glotip"
    title: str
    build: Callable[[int], list[Table]]
    order: int = 50


# The annual figures the justice app (investigations, prosecutions, convictions, sentences, offenders) will
# register under these keys; stats keeps no justice data of its own.
JUSTICE_HOOKS: dict[str, tuple[str, str]] = {
    "tip.law_enforcement": ("tip", "Investigations, prosecutions, convictions and sentences"),
    "glotip.offenders": (
        "glotip",
        "Persons brought into formal contact, prosecuted and convicted (offenders), by sex, age and citizenship",
    ),
}

_SECTIONS: dict[str, FigureSection] = {}
_ANNUAL: dict[str, AnnualSection] = {}


def register_section(section: FigureSection) -> None:
    _SECTIONS[section.key] = section


def register_annual_section(section: AnnualSection) -> None:
    if section.report not in ("tip", "glotip"):
        raise ValueError(f"Unknown annual report {section.report!r}: use 'tip' or 'glotip'.")
    _ANNUAL[section.key] = section


def sections() -> list[FigureSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def annual_sections(report: str) -> list[AnnualSection]:
    return sorted((s for s in _ANNUAL.values() if s.report == report), key=lambda s: (s.order, s.key))


def missing_hooks(report: str) -> list[tuple[str, str]]:
    """(key, title) of the justice figures this report needs that no app has registered yet."""
    return [
        (key, title) for key, (rep, title) in JUSTICE_HOOKS.items() if rep == report and key not in _ANNUAL
    ]
