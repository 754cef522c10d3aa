"""Demo training data for `make run`: two held workshops with attendance, tests and certificates, and a
planned one with registrations."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from harbourline.accounts.models import Agency, User
from harbourline.core.registry import SeedContext, Seeder, register_seeder

from . import services
from .models import Module, TestAttempt, TestItem, TestKind, Workshop, WorkshopStatus
from .services.testing import questions_from_bank

FIRST = [
    "Marcia",
    "Terrence",
    "Kimani",
    "Shanna",
    "Jude",
    "Anthea",
    "Cuthbert",
    "Lyra",
    "Dexter",
    "Pamela",
    "Ronald",
    "Germaine",
    "Yolande",
    "Vernon",
    "Sasha",
    "Clement",
]
LAST = [
    "Joseph",
    "Jn Baptiste",
    "Charles",
    "Emmanuel",
    "Francis",
    "Felix",
    "Edward",
    "Alexander",
    "Mathurin",
    "St. Hill",
    "Descartes",
    "Augustin",
    "Pierre",
    "Lafeuille",
    "Henry",
    "Théodore",
]
SECTORS = ["immigration", "customs", "police", "labour", "health", "social", "civil_society", "diplomatic"]


def _people(rng: Any, count: int, offset: int) -> list[dict[str, Any]]:
    agencies = list(Agency.objects.all()[:6])
    people = []
    for i in range(count):
        first, last = FIRST[(i + offset) % len(FIRST)], LAST[(i * 7 + offset) % len(LAST)]
        people.append(
            {
                "first_name": first,
                "last_name": last,
                "sex": rng.choice(["female", "male"]),
                "sector": SECTORS[(i + offset) % len(SECTORS)],
                "agency": agencies[i % len(agencies)] if agencies and i % 3 else None,
                "organisation": "" if agencies and i % 3 else "Saint Lucia Red Cross (demo)",
                "district": rng.choice(["LC-02", "LC-11", "LC-06", "LC-10"]),
                "email": f"{first.lower()}.{offset + i}@demo.harbourline.invalid",
            }
        )
    return people


def _run_workshop(actor: User, workshop: Workshop, rng: Any) -> None:
    sessions = list(workshop.sessions.all())
    regs = list(workshop.registrations.all())
    for session in sessions:
        services.attendance_record(
            actor=actor,
            session=session,
            statuses={r.pk: rng.choice(["present"] * 8 + ["late", "excused", "absent"]) for r in regs},
        )
    services.test_build(
        actor=actor, workshop=workshop, kind=TestKind.PRE, questions=questions_from_bank(workshop, "A")
    )
    services.test_build(
        actor=actor, workshop=workshop, kind=TestKind.POST, questions=questions_from_bank(workshop, "B")
    )
    for kind, skill in ((TestKind.PRE, 0.45), (TestKind.POST, 0.85)):
        items = TestItem.objects.filter(workshop=workshop, kind=kind).select_related("question")
        for reg in regs:
            answers = {
                str(i.question_id): i.question.correct_index
                if rng.random() < skill
                else (i.question.correct_index + 1) % len(i.question.choices)
                for i in items
            }
            services.test_submit(
                actor=actor,
                registration=reg,
                kind=kind,
                answers=answers,
                entered_by=TestAttempt.EnteredBy.TRAINER,
            )
    services.workshop_set_status(actor=actor, workshop=workshop, status=WorkshopStatus.HELD)
    for _ in range(len(regs) // 2):
        services.evaluation_submit(
            actor=actor,
            workshop=workshop,
            ratings={
                k: rng.choice([4, 4, 5, 5, 3]) for k in ("content", "trainers", "relevance", "organisation")
            },
            comments="",
        )
    services.certificates_issue(actor=actor, workshop=workshop)


def _workshop(
    actor: User, title: str, start: datetime.date, district: str, codes: list[str], status: str
) -> Workshop:
    workshop = services.workshop_create(
        actor=actor,
        modules=Module.objects.filter(code__in=codes),
        title=title,
        workshop_type="workshop",
        language="en",
        venue="Town hall conference room",
        district=district,
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        capacity=20,
        target_sectors=["immigration", "customs", "police"],
        status=status,
    )
    for day in range(2):
        for starts, ends, part in (
            (datetime.time(9), datetime.time(12, 30), "morning"),
            (datetime.time(13, 30), datetime.time(16, 30), "afternoon"),
        ):
            services.session_add(
                actor=actor,
                workshop=workshop,
                date=start + datetime.timedelta(days=day),
                starts_at=starts,
                ends_at=ends,
                title=f"Day {day + 1} {part}",
            )
    return workshop


@transaction.atomic
def seed_demo_training(ctx: SeedContext) -> None:
    if Workshop.objects.filter(title__endswith="(demo)").exists():
        return
    actor = (
        User.objects.filter(username="trainer").first() or User.objects.filter(username="coordinator").first()
    )
    if actor is None:
        return
    today = timezone.localdate()
    all_codes = list(Module.objects.values_list("code", flat=True))
    plans = [
        (
            "Identification and referral for border officials (demo)",
            today - datetime.timedelta(days=120),
            "LC-11",
            all_codes[:4],
            True,
            16,
        ),
        (
            "Victim-centred response for health and social workers (demo)",
            today - datetime.timedelta(days=40),
            "LC-02",
            all_codes[1:5],
            True,
            14,
        ),
        (
            "Labour inspection and forced labour indicators (demo)",
            today + datetime.timedelta(days=21),
            "LC-10",
            all_codes[:3],
            False,
            8,
        ),
    ]
    bar = ctx.progress("training workshops", len(plans))
    for n, (title, start, district, codes, held, size) in enumerate(plans):
        workshop = _workshop(actor, title, start, district, codes, WorkshopStatus.OPEN)
        services.participants_bulk_register(
            actor=actor, workshop=workshop, people=_people(ctx.rng, size, n * 5)
        )
        if held:
            _run_workshop(actor, workshop, ctx.rng)
        ctx.created["workshops"] = ctx.created.get("workshops", 0) + 1
        bar.update(1)
    bar.close()


register_seeder(Seeder("training", seed_demo_training, order=60))
