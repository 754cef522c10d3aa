"""The combination rules, read from the instrument version (never hard-coded), applied to answers.

Rule A, per dimension: the dimension is met when the present indicators satisfy one of the instrument's
combinations, e.g. {"strong": 2}, {"strong": 1, "medium_or_weak": 1}, {"medium": 3}, {"medium": 2, "weak": 1}.
Rule B, overall: every group the age group requires (recruitment, exploitation, coercion for adults;
recruitment and exploitation for children, since the means are not required) has a met dimension.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DimensionResult:
    code: str
    label: str
    group: str
    met: bool
    present: tuple[str, ...]


@dataclass(frozen=True)
class ScreeningResult:
    dimensions: tuple[DimensionResult, ...]
    groups_met: dict[str, bool] = field(default_factory=dict)
    required: tuple[str, ...] = ()

    @property
    def suggested_victim(self) -> bool:
        return all(self.groups_met.get(g, False) for g in self.required)

    @property
    def missing_groups(self) -> list[str]:
        return [g for g in self.required if not self.groups_met.get(g, False)]


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
    present: Iterable[tuple[str, str, str]],
) -> ScreeningResult:
    """``present``: (dimension code, strength S/M/W, label) of each indicator answered 'present'."""
    by_dimension: dict[str, list[tuple[str, str]]] = {}
    for dimension, strength, label in present:
        by_dimension.setdefault(dimension, []).append((strength, label))
    results = []
    for dim in dimensions:
        found = by_dimension.get(dim["code"], [])
        met = dimension_met((s for s, _ in found), rules["dimension_positive"])
        results.append(
            DimensionResult(dim["code"], dim["label"], dim["group"], met, tuple(label for _, label in found))
        )
    groups = {g: any(r.met for r in results if r.code in members) for g, members in rules["groups"].items()}
    return ScreeningResult(tuple(results), groups, tuple(rules["required_groups"][age_group]))
