"""Fictional demo cases for Saint Lucia at any scale (`seed_demo --cases N`, and bench/cases.py).

Rows are inserted in bulk for speed (100,000 cases in minutes); values still pass through the encrypted
fields and blind indexes exactly as services would write them. Demo cases are marked by their summary.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from harbourline.accounts.models import Agency, User
from harbourline.core.demo_names import FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, SURNAMES
from harbourline.core.registry import SeedContext, Seeder, register_seeder
from harbourline.country.selectors import active_profile
from harbourline.crypto.blind import name_terms

from .codes import (
    CaseStatus,
    ExploitationForm,
    Gender,
    IntakeSource,
    LabourIndustry,
    MeansOfControl,
    age_band,
)
from .models import Case, CaseSequence, Person, PersonNameIndex, PlanItem, Task
from .models.care import ServiceCategory

NATIONALITIES = (
    ["LC"] * 6 + ["GY"] * 3 + ["JM"] * 2 + ["VC", "DM", "CU", "IN", "LK", "NP", "PH", "VE", "DO", "HT", "CN"]
)
STATUSES = (
    [CaseStatus.INTAKE] * 2
    + [CaseStatus.SCREENING] * 2
    + [CaseStatus.PRESUMED_VICTIM] * 2
    + [
        CaseStatus.IDENTIFIED,
        CaseStatus.ASSISTANCE,
        CaseStatus.ASSISTANCE,
        CaseStatus.ASSISTANCE,
        CaseStatus.NOT_A_VICTIM,
        CaseStatus.CLOSED,
        CaseStatus.CLOSED,
    ]
)
OWNERS = [
    "Department of Human Services",
    "Department of Human Services",
    "Division of Gender Relations",
    "Royal Saint Lucia Police Force",
    "Hope Harbour Shelter (demo NGO)",
]
BATCH = 2000


def _districts() -> list[str]:
    districts = active_profile()["districts"]
    return [d["code"] for d in districts for _ in range(max(1, (d.get("population_2010") or 5000) // 5000))]


def _one(rng: random.Random, today: datetime.date, districts: list[str]) -> tuple[Person, Case]:
    female = rng.random() < 0.7
    given = rng.choice(FIRST_NAMES_FEMALE if female else FIRST_NAMES_MALE)
    age = rng.choice([rng.randint(9, 17), rng.randint(18, 30), rng.randint(18, 45), rng.randint(31, 55)])
    intake = today - datetime.timedelta(days=rng.randint(0, 3 * 365))
    born = intake - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    person = Person(
        given_names=given,
        family_name=rng.choice(SURNAMES),
        date_of_birth=born,  # type: ignore[misc]
        gender=Gender.FEMININE if female else Gender.MASCULINE,
        age_band=age_band(age),
        is_minor=age < 18,
        nationality=rng.choice(NATIONALITIES),
        district=rng.choice(districts),
        document_type="passport" if rng.random() < 0.6 else "none",
        document_number=f"P{rng.randint(1000000, 9999999)}" if rng.random() < 0.6 else "",
    )
    forms = {ExploitationForm.SEXUAL if rng.random() < 0.5 else ExploitationForm.FORCED_LABOUR}
    if rng.random() < 0.1:
        forms.add(ExploitationForm.FORCED_CRIMINALITY)
    status = rng.choice(STATUSES)
    case = Case(
        status=status,
        intake_source=rng.choice(IntakeSource.values),
        intake_date=intake,
        summary="Demo case: fictional data for training and testing.",
        district=rng.choice(districts),
        child_involved=age < 18,
        labour_industries=[rng.choice(LabourIndustry.values)]
        if ExploitationForm.FORCED_LABOUR in forms
        else [],
        means_of_control=rng.sample(MeansOfControl.values, k=rng.randint(1, 3)),
        country_of_exploitation="LC",
        country_of_recruitment=person.nationality,
        identified_on=intake + datetime.timedelta(days=rng.randint(5, 60))
        if status in (CaseStatus.IDENTIFIED, CaseStatus.ASSISTANCE, CaseStatus.CLOSED)
        else None,
    )
    for code, flag in Case.FORM_FLAGS.items():
        setattr(case, flag, code in forms)
    if status == CaseStatus.CLOSED:
        case.closure_reason = rng.choice(["reintegrated", "returned", "lost_contact"])
        case.closed_at = timezone.make_aware(datetime.datetime.combine(intake, datetime.time(12)))
    return person, case


def generate_cases(n: int, *, rng: random.Random, progress: Any = None, with_care: bool = True) -> int:
    """Insert ``n`` fictional cases in batches; returns how many were created."""
    owners = [a for a in (Agency.objects.filter(name=name).first() for name in OWNERS) if a is not None]
    owners = owners or list(Agency.objects.all()[:3])
    if not owners:
        return 0
    managers = {a.pk: list(User.objects.filter(agency=a, is_demo=True)) for a in owners}
    providers = list(Agency.objects.all()[:8])
    today = timezone.localdate()
    districts = _districts()
    sequences = {s.year: s.last for s in CaseSequence.objects.all()}
    code = active_profile()["code"]
    done = 0
    while done < n:
        size = min(BATCH, n - done)
        with transaction.atomic():
            pairs = [_one(rng, today, districts) for _ in range(size)]
            persons = Person.objects.bulk_create([p for p, _ in pairs])
            PersonNameIndex.objects.bulk_create(
                [
                    PersonNameIndex(person=p, kind=k, digest=d)
                    for p in persons
                    for k, d in name_terms(f"{p.given_names} {p.family_name}")
                ]
            )
            for person, (_, case) in zip(persons, pairs, strict=True):
                year = case.intake_date.year
                sequences[year] = sequences.get(year, 0) + 1
                owner = rng.choice(owners)
                case.number, case.person, case.owning_agency = (
                    f"{code}-{year}-{sequences[year]:04d}",
                    person,
                    owner,
                )
                case.case_manager = rng.choice(managers[owner.pk]) if managers.get(owner.pk) else None
            cases = Case.objects.bulk_create([c for _, c in pairs])
            if with_care:
                _care(rng, cases, providers, today)
            for year, last in sequences.items():
                CaseSequence.objects.update_or_create(year=year, defaults={"last": last})
        done += size
        if progress is not None:
            progress.update(size)
    return done


def _care(rng: random.Random, cases: list[Case], providers: list[Agency], today: datetime.date) -> None:
    items, tasks = [], []
    for case in cases:
        if case.status not in (CaseStatus.ASSISTANCE, CaseStatus.IDENTIFIED):
            continue
        for category in rng.sample([c for c in ServiceCategory.values if c != "other"], k=3):
            items.append(
                PlanItem(
                    case=case,
                    category=category,
                    provider=rng.choice(providers) if providers else None,
                    planned_start=today - datetime.timedelta(days=rng.randint(5, 60)),
                    due_on=today + datetime.timedelta(days=rng.randint(-10, 30)),
                    status=rng.choice(["planned", "requested", "in_progress", "delivered"]),
                )
            )
        tasks.append(
            Task(
                case=case,
                title="Follow-up visit (demo)",
                assigned_to=case.case_manager,
                due_on=today + datetime.timedelta(days=rng.randint(-7, 14)),
            )
        )
    PlanItem.objects.bulk_create(items)
    Task.objects.bulk_create(tasks)


def seed_demo_cases(ctx: SeedContext) -> None:
    bar = ctx.progress("demo cases", ctx.cases)
    created = generate_cases(ctx.cases, rng=ctx.rng, progress=bar)
    bar.close()
    ctx.created["cases"] = ctx.created.get("cases", 0) + created


register_seeder(Seeder("cases", seed_demo_cases, order=30))

__all__ = ["generate_cases"]
