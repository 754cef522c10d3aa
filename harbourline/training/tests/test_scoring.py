"""Scoring, gain, normalised gain, item analysis and certificate eligibility, each with a worked example."""

from __future__ import annotations

import pytest

from harbourline.training.scoring import (
    Key,
    attendance_percent,
    certificate_missing,
    gain,
    item_analysis,
    mean,
    normalised_gain,
    score_answers,
)

KEYS = [Key(1, 0), Key(2, 2), Key(3, 1), Key(4, 3)]


def test_a_test_is_scored_by_counting_right_answers() -> None:
    """Keys: q1=0, q2=2, q3=1, q4=3. Answers: q1=0 (right), q2=1 (wrong), q3=1 (right), q4 blank.
    Score: 2 of 4."""
    assert score_answers(KEYS, {"1": 0, "2": 1, "3": 1, "4": None}) == (2, 4)


def test_answers_to_questions_outside_the_test_are_ignored() -> None:
    """Answer 99 is not in the test: still 4 questions; q1..q4 all right gives 4 of 4."""
    assert score_answers(KEYS, {"1": 0, "2": 2, "3": 1, "4": 3, "99": 0}) == (4, 4)


def test_gain_is_post_minus_pre_in_points() -> None:
    """Pre 40%, post 85%: gain 45 points."""
    assert gain(40, 85) == 45


def test_normalised_gain_is_the_share_of_the_possible_gain() -> None:
    """Pre 40%, post 85%: (85 - 40) / (100 - 40) = 45 / 60 = 0.75."""
    assert normalised_gain(40, 85) == pytest.approx(0.75)


def test_normalised_gain_is_negative_when_the_post_test_is_worse() -> None:
    """Pre 50%, post 25%: (25 - 50) / (100 - 50) = -0.5."""
    assert normalised_gain(50, 25) == pytest.approx(-0.5)


def test_normalised_gain_is_undefined_when_the_pre_test_was_perfect() -> None:
    """Pre 100%: nothing left to gain, so no normalised gain (and no division by zero)."""
    assert normalised_gain(100, 100) is None
    assert normalised_gain(100, 75) is None


def test_normalised_gain_is_one_when_everything_was_learned() -> None:
    """Pre 0%, post 100%: (100 - 0) / (100 - 0) = 1."""
    assert normalised_gain(0, 100) == 1


def test_mean_leaves_out_missing_values() -> None:
    """mean(0.5, None, 1.0) = 0.75; mean of nothing is None."""
    assert mean([0.5, None, 1.0]) == pytest.approx(0.75)
    assert mean([None]) is None


def test_item_analysis_puts_the_most_often_wrong_question_first() -> None:
    """Three people. q2 (key 2): wrong, wrong, right -> 2 of 3 wrong. q1: all right. q3: one blank -> 1 wrong.
    q4: one wrong. Order: q2 (2/3), then q3 and q4 (1/3, by id), then q1 (0/3)."""
    attempts = [
        {"1": 0, "2": 0, "3": 1, "4": 3},
        {"1": 0, "2": 1, "3": None, "4": 3},
        {"1": 0, "2": 2, "3": 1, "4": 0},
    ]
    results = item_analysis(KEYS, attempts)
    assert [(r.question_id, r.wrong, r.answered) for r in results] == [
        (2, 2, 3),
        (3, 1, 3),
        (4, 1, 3),
        (1, 0, 3),
    ]
    assert results[0].wrong_share == pytest.approx(2 / 3)


def test_a_certificate_needs_enough_sessions_and_a_pass() -> None:
    """4 sessions, threshold 75%: 3 attended is 75%, enough. Post 70% with pass mark 70%: passed."""
    assert attendance_percent(3, 4) == 75
    assert certificate_missing(attended=3, sessions=4, threshold=75, post_percent=70, pass_mark=70) == []


def test_too_few_sessions_stop_a_certificate() -> None:
    """2 of 4 sessions is 50%, below 75%."""
    missing = certificate_missing(attended=2, sessions=4, threshold=75, post_percent=90, pass_mark=70)
    assert missing == ["attended 2 of 4 sessions; 75% needed"]


def test_a_missing_or_failed_post_test_stops_a_certificate() -> None:
    """No post-test; or 60% against a pass mark of 70%."""
    assert certificate_missing(attended=4, sessions=4, threshold=75, post_percent=None, pass_mark=70) == [
        "no post-test"
    ]
    assert certificate_missing(attended=4, sessions=4, threshold=75, post_percent=60, pass_mark=70) == [
        "post-test 60%; 70% needed"
    ]


def test_a_workshop_without_sessions_gives_no_certificate() -> None:
    assert certificate_missing(attended=0, sessions=0, threshold=0, post_percent=100, pass_mark=0)
