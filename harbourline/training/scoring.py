"""Pure arithmetic of tests and certificates, with no database: easy to check by hand."""

from __future__ import annotations

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
class ItemResult:
    question_id: int
    answered: int
    wrong: int

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.answered if self.answered else 0.0


def item_analysis(keys: Sequence[Key], attempts: Iterable[Mapping[str, int | None]]) -> list[ItemResult]:
    """For each question, how many took it and got it wrong; the most often wrong first."""
    counts = {key.question_id: [0, 0] for key in keys}
    correct = {key.question_id: key.correct_index for key in keys}
    for answers in attempts:
        for qid in counts:
            counts[qid][0] += 1
            if answers.get(str(qid)) != correct[qid]:
                counts[qid][1] += 1
    results = [ItemResult(qid, n, wrong) for qid, (n, wrong) in counts.items()]
    return sorted(results, key=lambda r: (-r.wrong_share, r.question_id))


def attendance_percent(attended: int, sessions: int) -> float:
    return 100.0 * attended / sessions if sessions else 0.0


def certificate_missing(
    *, attended: int, sessions: int, threshold: int, post_percent: float | None, pass_mark: int
) -> list[str]:
    """What stops a certificate, in plain words; an empty list means the participant earned one."""
    missing = []
    if sessions == 0 or attendance_percent(attended, sessions) < threshold:
        missing.append(f"attended {attended} of {sessions} sessions; {threshold}% needed")
    if post_percent is None:
        missing.append("no post-test")
    elif post_percent < pass_mark:
        missing.append(f"post-test {post_percent:.0f}%; {pass_mark}% needed")
    return missing
