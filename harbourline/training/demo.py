"""Demo training data for `make run` at the island's scale: five workshops a year for the last three years (a
few hundred officials trained) with attendance, tests and certificates, and a planned one with registrations.
Each participant's sex, sector and agency agree; the workshops take the curriculum's 'trained' rule."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from harbourline.accounts.models import Agency, User
from harbourline.core.demo_names import (
    AGENCY_SECTORS,
    FIRST_NAMES_FEMALE,
    FIRST_NAMES_MALE,
    ORGANISATION_SECTORS,
    SURNAMES,
    district_sampler,
)
from harbourline.core.registry import SeedContext, Seeder, register_seeder

from . import services
from .models import Module, TestAttempt, TestItem, TestKind, Workshop, WorkshopStatus
from .services.testing import questions_from_bank

# Who comes to the island's workshops: officials of the agencies in the country profile (their sector follows
# their agency), customs officers and civil society. Weights: how many of each in the pool of people.
POOL = [
    ("Royal Saint Lucia Police Force", "", 75),
    ("Immigration Department", "", 60),
    ("", "Customs and Excise Department", 45),
    ("Department of Labour", "", 30),
    ("Ministry of Health and Wellness", "", 38),
    ("Department of Human Services", "", 38),
    ("Division of Gender Relations", "", 15),
    ("Office of the Director of Public Prosecutions", "", 15),
    ("Ministry of External Affairs", "", 12),
    ("Hope Harbour Shelter (demo NGO)", "", 12),
    ("", "Saint Lucia Red Cross (demo)", 12),
]
# Share of women by sector (police and customs have fewer women than social services, for example).
WOMEN = {"police": 0.3, "customs": 0.4, "immigration": 0.5, "justice": 0.55, "labour": 0.5, "diplomatic": 0.5}
# Title, target sectors, how many modules (from the start of the curriculum), district.
THEMES = [
    ("Identification and referral for border officials", ["immigration", "customs", "police"], 4, "LC-11"),
    ("Victim-centred response for health and social workers", ["health", "social"], 5, "LC-02"),
    ("Labour inspection and forced labour indicators", ["labour", "immigration"], 3, "LC-02"),
    ("Investigating and prosecuting trafficking cases", ["police", "justice"], 4, "LC-02"),
]


def _pool(rng: Any) -> list[dict[str, Any]]:
    """The people the programme trains: sex, name, sector and agency that agree with each other."""
    agencies = {a.name: a for a in Agency.objects.all()}
    district = district_sampler(rng)
    people: list[dict[str, Any]] = []
    for agency_name, organisation, count in POOL:
        agency = agencies.get(agency_name) if agency_name else None
        if agency_name and agency is None:
            continue
        sector = AGENCY_SECTORS[agency_name] if agency_name else ORGANISATION_SECTORS[organisation]
        for _ in range(count):
            female = rng.random() < WOMEN.get(sector, 0.7)
            first = rng.choice(FIRST_NAMES_FEMALE if female else FIRST_NAMES_MALE)
            last = rng.choice(SURNAMES)
            n = len(people)
            people.append(
                {
                    "first_name": first,
                    "last_name": last,
                    "sex": "female" if female else "male",
                    "sector": sector,
                    "agency": agency,
                    "organisation": organisation,
                    "district": district(),  # where they work: national agencies serve the whole island
                    "email": f"{first.lower().replace(' ', '')}.{n}@demo.harbourline.invalid",
                }
            )
    return people


def _attendees(
    rng: Any, pool: list[dict[str, Any]], sectors: list[str], size: int, seen: set[int]
) -> list[dict[str, Any]]:
    """Mostly people of the workshop's sectors, a few from others, each person once; people not trained
    before come first (a few come back for another workshop). ``seen`` collects who has come."""

    def pick(candidates: list[int], k: int) -> list[int]:
        fresh = [i for i in candidates if i not in seen]
        again = [i for i in candidates if i in seen]
        chosen = rng.sample(fresh, k=min(len(fresh), k))
        return chosen + rng.sample(again, k=min(len(again), k - len(chosen)))

    matching = [i for i, p in enumerate(pool) if p["sector"] in sectors]
    others = [i for i, p in enumerate(pool) if p["sector"] not in sectors]
    chosen = pick(matching, size - size // 5)
    chosen += pick(others, size - len(chosen))
    seen.update(chosen)
    return [pool[i] for i in chosen]


def _run_workshop(actor: User, workshop: Workshop, rng: Any) -> None:
    sessions = list(workshop.sessions.all())
    regs = list(workshop.registrations.all())
    for session in sessions:
        services.attendance_record(
            actor=actor,
            session=session,
            statuses={r.pk: rng.choice(["present"] * 22 + ["late", "late", "absent"]) for r in regs},
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
    actor: User, title: str, start: datetime.date, district: str, codes: list[str], sectors: list[str]
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
        capacity=25,
        target_sectors=sectors,
        status=WorkshopStatus.OPEN,
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
    """The island's programme: five workshops a year for the last three years (a few hundred officials
    trained) and one planned, run through the services as trainers would."""
    if Workshop.objects.filter(title__endswith="(demo)").exists():
        return
    actor = (
        User.objects.filter(username="trainer").first() or User.objects.filter(username="coordinator").first()
    )
    if actor is None:
        return
    rng = ctx.rng
    today = timezone.localdate()
    all_codes = list(Module.objects.values_list("code", flat=True))
    pool = _pool(rng)
    seen: set[int] = set()
    plans = []
    for n in range(15):  # five a year, the oldest about three years ago
        title, sectors, modules, district = THEMES[n % len(THEMES)]
        start = today - datetime.timedelta(days=30 + 72 * n + rng.randint(0, 20))
        plans.append((title, sectors, all_codes[:modules], district, start, True, rng.randint(18, 24)))
    title, sectors, modules, district = THEMES[0]
    plans.append(
        (title, sectors, all_codes[:modules], "LC-06", today + datetime.timedelta(days=21), False, 10)
    )
    bar = ctx.progress("training workshops", len(plans))
    for title, sectors, codes, district, start, held, size in plans:
        workshop = _workshop(actor, f"{title} (demo)", start, district, codes, sectors)
        services.participants_bulk_register(
            actor=actor, workshop=workshop, people=_attendees(rng, pool, sectors, size, seen)
        )
        if held:
            _run_workshop(actor, workshop, rng)
        ctx.created["workshops"] = ctx.created.get("workshops", 0) + 1
        bar.update(1)
    bar.close()


register_seeder(Seeder("training", seed_demo_training, order=60))
