"""Training statistics a statistician would sign: Hake's class gain over matched pairs, item discrimination,
and no gain across test forms that cannot be compared. Each with a worked example."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.training import services
from harbourline.training.models import Module, Question, TestKind
from harbourline.training.reports import training_figures
from harbourline.training.scoring import Key, class_gain, discrimination, item_analysis
from harbourline.training.selectors import workshop_forms_check, workshop_progress, workshop_summary
from harbourline.training.services.testing import questions_from_bank

from .factories import answer, attend_all, build_tests, make_workshop

# --- 6. Hake's class-average normalised gain -------------------------------------------------------------


def test_class_gain_is_hakes_gain_of_the_class_means_over_matched_pairs() -> None:
    """Pairs (20, 60), (80, 100), (100, 100): mean pre 66.7, mean post 86.7, <g> = 20 / 33.3 = 0.60 over n = 3.
    Individual gains 0.5 and 1.0 (the third is undefined: nothing left to gain): their mean is 0.75, n = 2."""
    gain = class_gain([(20, 60), (80, 100), (100, 100)])
    assert (
        gain.n == 3 and gain.mean_pre == pytest.approx(200 / 3) and gain.mean_post == pytest.approx(260 / 3)
    )
    assert gain.hake == pytest.approx(0.6)
    assert gain.mean_individual == pytest.approx(0.75) and gain.n_individual == 2


def test_class_gain_of_nobody_or_of_a_perfect_class_is_undefined() -> None:
    assert class_gain([]).hake is None and class_gain([]).n == 0
    assert class_gain([(100, 100), (100, 90)]).hake is None


@pytest.mark.django_db
def test_the_workshop_gain_uses_only_those_who_took_both_tests() -> None:
    """Five questions a test. No. 1: pre 1/5 (20%), post 3/5 (60%). No. 2: pre 4/5, post 5/5. No. 3: post
    only (5/5), left out. <g> over the two pairs: mean pre 50, mean post 80 -> 30 / 50 = 0.60. The mean of the
    individual gains is (0.5 + 1.0) / 2 = 0.75."""
    trainer = make_user([Role.TRAINER], username="lead")
    workshop = make_workshop(trainer, sessions=1, participants=3)
    build_tests(trainer, workshop)
    assert workshop.test_items.filter(kind="pre").count() == 5
    regs = list(workshop.registrations.order_by("number"))
    for reg, pre, post in ((regs[0], 1, 3), (regs[1], 4, 5), (regs[2], None, 5)):
        if pre is not None:
            answer(trainer, reg, TestKind.PRE, right=pre)
        answer(trainer, reg, TestKind.POST, right=post)
    summary = workshop_summary(workshop_progress(workshop), workshop)
    gain = summary["class_gain"]
    assert gain.n == 2 and gain.hake == pytest.approx(0.6) and gain.mean_individual == pytest.approx(0.75)
    html = sign_in(Client(), trainer).get(reverse("training:results", args=[workshop.pk])).content.decode()
    assert "Class-average normalised gain" in html and "matched pairs: 2" in html
    assert "Mean of the individual normalised gains" in html
    attend_all(trainer, workshop)
    figures = training_figures(2026)
    assert figures["class_gain"].n == 2 and figures["class_gain"].hake == pytest.approx(0.6)


# --- 7. Discrimination -------------------------------------------------------------------------------------


def test_discrimination_separates_strong_from_weak() -> None:
    """Ten people; the item is right for the five with the best rest-of-test scores and wrong for the others.
    Upper and lower 27% (3 people each): all right against all wrong, so D = 1.0; point-biserial high."""
    pairs = [(i >= 5, float(i * 10)) for i in range(10)]
    result = discrimination(pairs)
    assert result.group_size == 3 and result.upper_lower == pytest.approx(1.0)
    assert result.point_biserial == pytest.approx(0.870, abs=0.001)


def test_an_item_the_weak_get_right_and_the_strong_wrong_is_flagged_negative() -> None:
    pairs = [(i < 5, float(i * 10)) for i in range(10)]
    result = discrimination(pairs)
    assert result.upper_lower == pytest.approx(-1.0) and result.point_biserial < 0
    assert result.flag == "negative"


def test_an_item_everyone_gets_right_has_no_discrimination_to_measure() -> None:
    result = discrimination([(True, float(i)) for i in range(12)])
    assert result.point_biserial is None and result.upper_lower == 0 and result.flag == ""


def test_item_analysis_flags_near_zero_and_negative_items() -> None:
    """Twelve people, three questions. q1 is right exactly for those strong on q2 and q3 (good); q2 is right
    for every other person regardless of skill (near zero); q3 is right for the weakest only (negative)."""
    keys = [Key(1, 0), Key(2, 0), Key(3, 0)]
    attempts = []
    for i in range(12):
        strong = i >= 6
        attempts.append({"1": 0 if strong else 1, "2": 0 if i % 2 else 1, "3": 0 if (strong or i < 2) else 1})
    results = {r.question_id: r for r in item_analysis(keys, attempts)}
    assert results[1].flag == "" and results[1].upper_lower is not None and results[1].upper_lower > 0.3
    assert results[2].flag in ("near zero", "negative")
    assert all(r.answered == 12 for r in results.values())


def test_too_few_answers_are_not_flagged() -> None:
    pairs = [(i < 2, float(i * 10)) for i in range(4)]
    result = discrimination(pairs)
    assert result.upper_lower is not None and result.upper_lower < 0 and result.flag == ""
    assert "too few" in result.note


@pytest.mark.django_db
def test_the_question_bank_owner_sees_the_flags() -> None:
    from harbourline.training.selectors import question_bank_analysis

    focal = make_user([Role.NATIONAL_COORDINATOR], username="focal")
    workshop = make_workshop(focal, sessions=1, participants=12)
    build_tests(focal, workshop)
    items = list(workshop.test_items.filter(kind="post").select_related("question").order_by("position"))
    bad = items[0].question
    for n, reg in enumerate(workshop.registrations.order_by("number")):
        strong = n >= 6
        answers = {
            str(i.question_id): i.question.correct_index
            if (strong if i.question_id != bad.pk else not strong)
            else (i.question.correct_index + 1) % len(i.question.choices)
            for i in items
        }
        services.test_submit(
            actor=focal, registration=reg, kind="post", answers=answers, entered_by="trainer"
        )
    analysis = question_bank_analysis(bad.module)
    assert analysis[bad.pk].flag == "negative"
    html = sign_in(Client(), focal).get(reverse("training:module", args=[bad.module_id])).content.decode()
    assert "Discrimination" in html and "negative" in html.lower()


# --- 8. Comparable forms -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_same_form_and_builder_parallel_forms_are_comparable() -> None:
    trainer = make_user([Role.TRAINER], username="lead")
    parallel = make_workshop(trainer, sessions=1, participants=1)
    build_tests(trainer, parallel)
    assert workshop_forms_check(parallel).comparable
    same = make_workshop(trainer, sessions=1, participants=1, title="Same form")
    for kind in (TestKind.PRE, TestKind.POST):
        services.test_build(actor=trainer, workshop=same, kind=kind, questions=questions_from_bank(same, "A"))
    assert workshop_forms_check(same).comparable


@pytest.mark.django_db
def test_a_gain_across_unrelated_forms_is_refused_with_a_clear_message() -> None:
    trainer = make_user([Role.TRAINER], username="lead")
    workshop = make_workshop(trainer, sessions=1, participants=1)
    services.test_build(
        actor=trainer, workshop=workshop, kind=TestKind.PRE, questions=questions_from_bank(workshop, "A")
    )
    other = list(Question.objects.filter(module=Module.objects.get(code="legal-framework"), form="B"))
    services.test_build(actor=trainer, workshop=workshop, kind=TestKind.POST, questions=other)
    check = workshop_forms_check(workshop)
    assert not check.comparable and "not the same form" in check.message
    reg = workshop.registrations.get()
    answer(trainer, reg, TestKind.PRE, right=2)
    answer(trainer, reg, TestKind.POST, right=2)
    summary = workshop_summary(workshop_progress(workshop), workshop)
    assert summary["class_gain"] is None and summary["gain_refused"] == check.message
    assert workshop_progress(workshop)[0].normalised_gain is not None  # raw scores still shown per person
    html = sign_in(Client(), trainer).get(reverse("training:results", args=[workshop.pk])).content.decode()
    assert "No knowledge gain is worked out" in html
    attend_all(trainer, workshop)
    figures = training_figures(2026)
    assert figures["class_gain"].n == 0 and figures["gain_left_out"] == 1
