"""The combination rules, read from the instrument version (never hard-coded), applied to answers.

Rule A, per dimension: the dimension is met when the present indicators satisfy one of the instrument's
combinations, e.g. {"strong": 2}, {"strong": 1, "medium_or_weak": 1}, {"medium": 3}, {"medium": 2, "weak": 1}.
Rule B, overall: every group the age group requires has a met dimension. For adults that is recruitment,
exploitation and coercion. For a child (under 18 when recruited or exploited) the means are not required: the
group "act" (met when the screening records the act: recruitment, transport, transfer, harbouring or receipt)
and exploitation are enough.

Unknown is not absent: a required group that is not met, but could be met if the answers still unknown were
present (or, for the act, while no act is recorded), makes the outcome "incomplete", never a negative.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

ACT_GROUP = "act"
GROUP_LABELS = {
    "act": "the act",
    "recruitment": "recruitment",
    "exploitation": "exploitation",
    "coercion": "coercion at destination (the means)",
}
INDICATED, NOT_INDICATED, INCOMPLETE = "indicated", "not_indicated", "incomplete"


@dataclass(frozen=True)
class DimensionResult:
    code: str
    label: str
    group: str
    met: bool
    present: tuple[str, ...]
    unknown: tuple[str, ...] = ()
    could_be_met: bool = False


@dataclass(frozen=True)
class ScreeningResult:
    dimensions: tuple[DimensionResult, ...]
    groups_met: dict[str, bool] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    groups_possible: dict[str, bool] = field(default_factory=dict)
    acts: tuple[str, ...] = ()

    @property
    def missing_groups(self) -> list[str]:
        return [g for g in self.required if not self.groups_met.get(g, False)]

    @property
    def missing_labels(self) -> list[str]:
        return [GROUP_LABELS.get(g, g) for g in self.missing_groups]

    @property
    def required_labels(self) -> list[str]:
        return [GROUP_LABELS.get(g, g) for g in self.required]

    @property
    def incomplete_dimensions(self) -> list[DimensionResult]:
        """The dimensions, not met, whose unknown answers could still meet a required element."""
        groups = self.incomplete_groups
        return [
            d for d in self.dimensions if d.group in groups and not d.met and d.unknown and d.could_be_met
        ]

    @property
    def incomplete_groups(self) -> list[str]:
        """Required groups not met that more information could still meet."""
        return [g for g in self.missing_groups if self.groups_possible.get(g, False)]

    @property
    def outcome(self) -> str:
        missing = self.missing_groups
        if not missing:
            return INDICATED
        if len(self.incomplete_groups) == len(missing):
            return INCOMPLETE
        return NOT_INDICATED

    @property
    def suggested_victim(self) -> bool | None:
        """Yes, no, or None when more information is needed."""
        return {INDICATED: True, NOT_INDICATED: False}.get(self.outcome)

    @property
    def act_missing(self) -> bool:
        return ACT_GROUP in self.required and not self.acts

    @property
    def unknown_count(self) -> int:
        """Unknown answers in the dimensions of the required groups that are not met."""
        return sum(len(d.unknown) for d in self.dimensions if d.group in self.incomplete_groups)


def combination_met(counts: Mapping[str, int], combination: Mapping[str, int]) -> bool:
    s, m, w = counts.get("S", 0), counts.get("M", 0), counts.get("W", 0)
    need_s, need_m, need_w = (
        combination.get("strong", 0),
        combination.get("medium", 0),
        combination.get("weak", 0),
    )
    if s < need_s or m < need_m or w < need_w:
        return False
    spare = (m - need_m) + (w - need_w)
    return spare >= combination.get("medium_or_weak", 0)


def dimension_met(strengths: Iterable[str], combinations: Iterable[Mapping[str, int]]) -> bool:
    counts = Counter(strengths)
    return any(combination_met(counts, c) for c in combinations)


def evaluate(
    *,
    rules: Mapping[str, Any],
    dimensions: Iterable[Mapping[str, str]],
    age_group: str,
    answers: Iterable[tuple[str, str, str, str]],
    acts: Sequence[str] = (),
) -> ScreeningResult:
    """``answers``: (dimension code, strength S/M/W, label, answer present/absent/unknown) per indicator."""
    present: dict[str, list[tuple[str, str]]] = {}
    unknown: dict[str, list[tuple[str, str]]] = {}
    for dimension, strength, label, answer in answers:
        if answer == "present":
            present.setdefault(dimension, []).append((strength, label))
        elif answer == "unknown":
            unknown.setdefault(dimension, []).append((strength, label))
    combinations = rules["dimension_positive"]
    results = []
    for dim in dimensions:
        found, open_ = present.get(dim["code"], []), unknown.get(dim["code"], [])
        met = dimension_met((s for s, _ in found), combinations)
        could = met or dimension_met([s for s, _ in found] + [s for s, _ in open_], combinations)
        results.append(
            DimensionResult(
                dim["code"],
                dim["label"],
                dim["group"],
                met,
                tuple(label for _, label in found),
                tuple(label for _, label in open_),
                could,
            )
        )
    groups: dict[str, bool] = {}
    possible: dict[str, bool] = {}
    for group, members in rules["groups"].items():
        if group == ACT_GROUP:
            groups[group], possible[group] = bool(acts), not acts
            continue
        groups[group] = any(r.met for r in results if r.code in members)
        possible[group] = any(r.could_be_met for r in results if r.code in members)
    if ACT_GROUP not in groups:
        groups[ACT_GROUP], possible[ACT_GROUP] = bool(acts), not acts
    return ScreeningResult(
        tuple(results), groups, tuple(rules["required_groups"][age_group]), possible, tuple(acts)
    )
