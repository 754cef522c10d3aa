"""Test helpers for the training app: a workshop with sessions and participants, built through the services."""

from __future__ import annotations

import datetime
from typing import Any

from harbourline.accounts.models import User
from harbourline.training import services
from harbourline.training.models import (
    CurriculumRule,
    Module,
    Registration,
    TestAttempt,
    TestItem,
    TestKind,
    Workshop,
)
from harbourline.training.services.testing import questions_from_bank


def person(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "first_name": f"Person{n}",
        "last_name": "Tester",
        "sex": "female" if n % 2 else "male",
        "sector": "immigration" if n % 2 else "customs",
        "organisation": "Immigration Department",
        "email": f"p{n}@example.invalid",
        **extra,
    }


def make_workshop(
    actor: User,
    *,
    sessions: int = 4,
    participants: int = 3,
    capacity: int = 25,
    threshold: int | None = 75,
    pass_mark: int | None = 60,
    **fields: Any,
) -> Workshop:
    """``threshold`` and ``pass_mark`` set the curriculum's 'trained' rule first (None: leave it as it is)."""
    if threshold is not None or pass_mark is not None:
        rule, _ = CurriculumRule.objects.get_or_create(workshop_type=fields.get("workshop_type", "workshop"))
        rule.attendance_share = threshold if threshold is not None else rule.attendance_share
        rule.pass_mark = pass_mark if pass_mark is not None else rule.pass_mark
        rule.save()
    start = datetime.date(2026, 3, 10)
    workshop = services.workshop_create(
        actor=actor,
        modules=Module.objects.filter(code__in=["identification", "referral"]),
        title=fields.pop("title", "Identification for border officers"),
        workshop_type=fields.pop("workshop_type", "workshop"),
        language="en",
        venue="Vieux Fort Town Hall",
        district="LC-11",
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        capacity=capacity,
        target_sectors=["immigration", "customs"],
        **fields,
    )
    for i in range(sessions):
        services.session_add(
            actor=actor,
            workshop=workshop,
            date=start + datetime.timedelta(days=i // 2),
            starts_at=datetime.time(9 + 4 * (i % 2)),
            ends_at=datetime.time(12 + 4 * (i % 2)),
            title=f"S{i + 1}",
        )
    for n in range(participants):
        services.participant_register(actor=actor, workshop=workshop, person=person(n))
    return workshop


def build_tests(actor: User, workshop: Workshop) -> None:
    services.test_build(
        actor=actor, workshop=workshop, kind=TestKind.PRE, questions=questions_from_bank(workshop, "A")
    )
    services.test_build(
        actor=actor, workshop=workshop, kind=TestKind.POST, questions=questions_from_bank(workshop, "B")
    )


def answer(actor: User, reg: Registration, kind: str, right: int) -> TestAttempt:
    """Answer the first ``right`` questions correctly and the rest wrongly."""
    items = list(TestItem.objects.filter(workshop=reg.workshop, kind=kind).select_related("question"))
    answers = {
        str(i.question_id): i.question.correct_index if n < right else (i.question.correct_index + 1) % 4
        for n, i in enumerate(items)
    }
    return services.test_submit(
        actor=actor, registration=reg, kind=kind, answers=answers, entered_by="trainer"
    )


def attend_all(actor: User, workshop: Workshop, status: str = "present") -> None:
    regs = list(workshop.registrations.all())
    for session in workshop.sessions.all():
        services.attendance_record(actor=actor, session=session, statuses={r.pk: status for r in regs})
