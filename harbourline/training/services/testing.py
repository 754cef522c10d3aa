from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from harbourline.accounts.models import User
from harbourline.audit.services import audit_record
from harbourline.core.guards import checked

from ..actions import TrainingAction
from ..models import (
    Evaluation,
    FollowUp,
    OpenForm,
    Question,
    Registration,
    RegistrationStatus,
    TestAttempt,
    TestItem,
    TestKind,
    Workshop,
)
from ..scoring import Key, score_answers
from . import rules


@checked(rules.runs_workshop)
@transaction.atomic
def test_build(*, actor: User | None, workshop: Workshop, kind: str, questions: list[Question]) -> int:
    """Set the questions of the workshop's pre-test or post-test (replacing any earlier choice)."""
    if kind not in TestKind.values:
        raise ValidationError("Choose the pre-test or the post-test.")
    if not questions:
        raise ValidationError("Choose at least one question.")
    if TestAttempt.objects.filter(registration__workshop=workshop, kind=kind).exists():
        raise ValidationError(
            "Answers were already entered for this test; its questions can no longer change."
        )
    TestItem.objects.filter(workshop=workshop, kind=kind).delete()
    TestItem.objects.bulk_create(
        [TestItem(workshop=workshop, kind=kind, question=q, position=i) for i, q in enumerate(questions, 1)]
    )
    audit_record(
        actor=actor,
        action=TrainingAction.TEST_BUILT,
        object_type="training.workshop",
        object_id=workshop.pk,
        details={"kind": kind, "questions": [q.pk for q in questions]},
    )
    return len(questions)


def questions_from_bank(workshop: Workshop, form: str) -> list[Question]:
    """All active questions of the given form from the workshop's modules, in curriculum order."""
    return list(
        Question.objects.filter(module__in=workshop.modules.all(), form=form, is_active=True).order_by(
            "module__order", "pk"
        )
    )


@checked(rules.runs_workshop)
@transaction.atomic
def workshop_open_form(*, actor: User | None, workshop: Workshop, form: str) -> Workshop:
    """Open the pre-test, post-test or evaluation on participants' phones (or close all with '')."""
    if form not in OpenForm.values:
        raise ValidationError("Choose what to open.")
    if form in TestKind.values and not TestItem.objects.filter(workshop=workshop, kind=form).exists():
        raise ValidationError("Choose the questions of this test first.")
    workshop.open_form = form
    workshop.save(update_fields=["open_form"])
    audit_record(
        actor=actor,
        action=TrainingAction.FORM_OPENED,
        object_type="training.workshop",
        object_id=workshop.pk,
        details={"form": form},
    )
    return workshop


@transaction.atomic
def pin_check(*, workshop: Workshop, number: int, pin: str) -> Registration | None:
    """The participant's registration when number and PIN match; otherwise None.

    Wrong PINs are counted (the trainer sees them in the audit trail) but never lock the participant out:
    anyone with the workshop code could otherwise lock any participant out. The public pages slow guessing
    down per connection instead (``training.views.participants``)."""
    reg = Registration.objects.select_for_update().filter(workshop=workshop, number=number).first()
    if reg is None or reg.status in (RegistrationStatus.WAITLISTED, RegistrationStatus.WITHDRAWN):
        return None
    if not secrets.compare_digest(reg.pin, pin.strip()):
        reg.pin_failures += 1
        reg.save(update_fields=["pin_failures"])
        audit_record(
            actor=None,
            action=TrainingAction.PIN_REFUSED,
            object_type="training.registration",
            object_id=reg.pk,
            outcome="denied",
            details={"failures": reg.pin_failures},
            actor_label="participant",
        )
        return None
    if reg.pin_failures:
        reg.pin_failures = 0
        reg.save(update_fields=["pin_failures"])
    return reg


def test_keys(workshop: Workshop, kind: str) -> list[Key]:
    items = TestItem.objects.filter(workshop=workshop, kind=kind).select_related("question")
    return [Key(i.question_id, i.question.correct_index) for i in items]


@checked(rules.runs_workshop)
@transaction.atomic
def test_submit(
    *,
    actor: User | None,
    registration: Registration,
    kind: str,
    answers: Mapping[str, int | None],
    entered_by: str,
) -> TestAttempt:
    """Score and keep one participant's answers (a second entry replaces the first)."""
    keys = test_keys(registration.workshop, kind)
    if not keys:
        raise ValidationError("This test has no questions yet.")
    clean = {str(k.question_id): answers.get(str(k.question_id)) for k in keys}
    score, max_score = score_answers(keys, clean)
    attempt, _ = TestAttempt.objects.update_or_create(
        registration=registration,
        kind=kind,
        defaults={"answers": clean, "score": score, "max_score": max_score, "entered_by": entered_by},
    )
    audit_record(
        actor=actor,
        action=TrainingAction.TEST_SUBMITTED,
        object_type="training.registration",
        object_id=registration.pk,
        details={"kind": kind, "score": score, "max": max_score, "by": entered_by},
        actor_label="participant",
    )
    return attempt


@transaction.atomic
def evaluation_submit(
    *,
    actor: User | None,
    workshop: Workshop,
    ratings: Mapping[str, int],
    comments: str = "",
    registration: Registration | None = None,
) -> Evaluation:
    for name in ("content", "trainers", "relevance", "organisation"):
        if not 1 <= int(ratings.get(name, 0)) <= 5:
            raise ValidationError({name: "Choose a mark from 1 to 5."})
    evaluation = Evaluation.objects.create(
        workshop=workshop,
        registration=registration,
        comments=comments,
        **{k: int(ratings[k]) for k in ("content", "trainers", "relevance", "organisation")},
    )
    audit_record(
        actor=actor,
        action=TrainingAction.EVALUATION_SUBMITTED,
        object_type="training.workshop",
        object_id=workshop.pk,
        details={"anonymous": registration is None},
        actor_label="participant",
    )
    return evaluation


@checked(rules.runs_workshop)
@transaction.atomic
def follow_ups_create(*, actor: User | None, workshop: Workshop) -> int:
    """One follow-up survey link per participant who attended or completed, unless they have one."""
    regs = Registration.objects.filter(
        workshop=workshop,
        status__in=[RegistrationStatus.ATTENDED, RegistrationStatus.COMPLETED],
        follow_up__isnull=True,
    )
    made = [FollowUp(registration=r, token=secrets.token_urlsafe(24)) for r in regs]
    FollowUp.objects.bulk_create(made)
    audit_record(
        actor=actor,
        action=TrainingAction.FOLLOW_UPS_CREATED,
        object_type="training.workshop",
        object_id=workshop.pk,
        details={"created": len(made)},
    )
    return len(made)


@transaction.atomic
def follow_up_answer(*, follow_up: FollowUp, answers: Mapping[str, Any]) -> FollowUp:
    if follow_up.answered_at is not None:
        raise ValidationError("This survey was already answered. Thank you.")
    follow_up.uses_learning = answers["uses_learning"]
    follow_up.identified_case = answers["identified_case"]
    follow_up.referred_case = answers["referred_case"]
    follow_up.comments = answers.get("comments", "")
    follow_up.answered_at = timezone.now()
    follow_up.save()
    audit_record(
        actor=None,
        action=TrainingAction.FOLLOW_UP_ANSWERED,
        object_type="training.follow_up",
        object_id=follow_up.pk,
        details={"workshop": follow_up.registration.workshop_id},
        actor_label="participant",
    )
    return follow_up
