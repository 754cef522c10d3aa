"""Pure arithmetic of tests and certificates, with no database: easy to check by hand."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One question of a test: its id and the position of its right answer."""

    question_id: int
    correct_index: int


def score_answers(keys: Sequence[Key], answers: Mapping[str, int | None]) -> tuple[int, int]:
    """(right answers, number of questions). ``answers`` maps str(question id) to the chosen position.

    A blank or unknown answer counts as wrong; answers to questions not in the test are ignored.
    """
    right = sum(1 for key in keys if answers.get(str(key.question_id)) == key.correct_index)
    return right, len(keys)


def gain(pre_percent: float, post_percent: float) -> float:
    """Raw gain in percentage points: post minus pre."""
    return post_percent - pre_percent


def normalised_gain(pre_percent: float, post_percent: float) -> float | None:
    """Hake's normalised gain (post - pre) / (100 - pre): the share of what could be gained that was gained.

    None when the pre-test was already perfect (nothing left to gain), so it does not divide by zero.
    """
    if pre_percent >= 100:
        return None
    return (post_percent - pre_percent) / (100 - pre_percent)


def mean(values: Iterable[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


@dataclass(frozen=True)
class ClassGain:
    """Hake's class-average normalised gain <g> = (mean post - mean pre) / (100 - mean pre), over the matched
    pairs (people who took both tests), with the mean of the individual normalised gains beside it."""

    n: int  # matched pairs
    mean_pre: float | None
    mean_post: float | None
    hake: float | None
    mean_individual: float | None
    n_individual: int  # pairs with an individual gain (a perfect pre-test has none)


def class_gain(pairs: Iterable[tuple[float, float]]) -> ClassGain:
    """``pairs`` are (pre percent, post percent) of the same person. <g> is undefined for no pairs or a class
    whose mean pre-test was already 100%."""
    pairs = list(pairs)
    if not pairs:
        return ClassGain(0, None, None, None, None, 0)
    mean_pre = sum(p for p, _ in pairs) / len(pairs)
    mean_post = sum(q for _, q in pairs) / len(pairs)
    individual = [g for g in (normalised_gain(p, q) for p, q in pairs) if g is not None]
    return ClassGain(
        n=len(pairs),
        mean_pre=mean_pre,
        mean_post=mean_post,
        hake=normalised_gain(mean_pre, mean_post),
        mean_individual=mean(individual),
        n_individual=len(individual),
    )


UPPER_LOWER_SHARE = 0.27  # Kelley's upper and lower groups
NEAR_ZERO = 0.1  # below this an item hardly separates those who know from those who do not
MIN_ANSWERS_TO_FLAG = 10  # fewer answers than this are too few to judge an item


@dataclass(frozen=True)
class Discrimination:
    """How well an item separates people who did well on the rest of the test from those who did not.

    ``upper_lower``: share right in the upper 27% minus share right in the lower 27% (-1 to 1).
    ``point_biserial``: correlation of right/wrong with the rest-of-test score (-1 to 1); None when everyone
    got it right, or everyone wrong, or everyone has the same rest score. ``flag``: "negative" or "near zero"
    for an item the question-bank owner should look at, "" otherwise (and always "" below 10 answers)."""

    upper_lower: float | None
    point_biserial: float | None
    group_size: int
    flag: str
    note: str = ""


def discrimination(pairs: Sequence[tuple[bool, float]]) -> Discrimination:
    """``pairs``: (answered right, score on the rest of the test in percent) for each person who took it."""
    n = len(pairs)
    if n < 2:
        return Discrimination(None, None, 0, "", "too few answers to judge")
    group = max(1, round(UPPER_LOWER_SHARE * n))
    ranked = sorted(pairs, key=lambda p: p[1])
    lower, upper = ranked[:group], ranked[-group:]
    upper_lower = (sum(r for r, _ in upper) - sum(r for r, _ in lower)) / group
    right = [s for r, s in pairs if r]
    wrong = [s for r, s in pairs if not r]
    scores = [s for _, s in pairs]
    average = sum(scores) / n
    spread = math.sqrt(sum((s - average) ** 2 for s in scores) / n)
    point_biserial = None
    if right and wrong and spread > 0:
        share = len(right) / n
        point_biserial = (
            (sum(right) / len(right) - sum(wrong) / len(wrong)) / spread * math.sqrt(share * (1 - share))
        )
    if n < MIN_ANSWERS_TO_FLAG:
        return Discrimination(upper_lower, point_biserial, group, "", "too few answers to judge")
    if not (right and wrong):
        return Discrimination(upper_lower, point_biserial, group, "", "everyone answered it the same way")
    values = [v for v in (upper_lower, point_biserial) if v is not None]
    if any(v < 0 for v in values):
        flag = "negative"
    elif any(v < NEAR_ZERO for v in values):
        flag = "near zero"
    else:
        flag = ""
    return Discrimination(upper_lower, point_biserial, group, flag)


@dataclass(frozen=True)
class ItemResult:
    question_id: int
    answered: int
    wrong: int
    discrimination: Discrimination | None = None

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.answered if self.answered else 0.0

    @property
    def upper_lower(self) -> float | None:
        return self.discrimination.upper_lower if self.discrimination else None

    @property
    def point_biserial(self) -> float | None:
        return self.discrimination.point_biserial if self.discrimination else None

    @property
    def flag(self) -> str:
        return self.discrimination.flag if self.discrimination else ""


def item_pairs(
    keys: Sequence[Key], attempts: Iterable[Mapping[str, int | None]]
) -> dict[int, list[tuple[bool, float]]]:
    """For each question: (right, percent right on the other questions of the test) per attempt."""
    pairs: dict[int, list[tuple[bool, float]]] = {key.question_id: [] for key in keys}
    others = len(keys) - 1
    for answers in attempts:
        right = {key.question_id: answers.get(str(key.question_id)) == key.correct_index for key in keys}
        total = sum(right.values())
        for qid, ok in right.items():
            rest = 100.0 * (total - ok) / others if others else 0.0
            pairs[qid].append((ok, rest))
    return pairs


def item_analysis(keys: Sequence[Key], attempts: Iterable[Mapping[str, int | None]]) -> list[ItemResult]:
    """For each question: how many took it and got it wrong, and its discrimination; the most often wrong
    first."""
    pairs = item_pairs(keys, attempts)
    results = [
        ItemResult(qid, len(p), sum(1 for ok, _ in p if not ok), discrimination(p))
        for qid, p in pairs.items()
    ]
    return sorted(results, key=lambda r: (-r.wrong_share, r.question_id))


def attendance_percent(attended: int, sessions: int) -> float:
    return 100.0 * attended / sessions if sessions else 0.0


def certificate_missing(
    *, attended: int, sessions: int, threshold: int, post_percent: float | None, pass_mark: int
) -> list[str]:
    """What stops the participant counting as trained (and so a certificate), in plain words; an empty list
    means trained. This is the curriculum's rule: ``threshold`` percent of the sessions, and ``pass_mark``
    percent in the post-test (a pass mark of 0 needs no post-test)."""
    missing = []
    if sessions == 0 or attendance_percent(attended, sessions) < threshold:
        missing.append(f"attended {attended} of {sessions} sessions; {threshold}% needed")
    if pass_mark <= 0:
        return missing
    if post_percent is None:
        missing.append("no post-test")
    elif post_percent < pass_mark:
        missing.append(f"post-test {post_percent:.0f}%; {pass_mark}% needed")
    return missing
