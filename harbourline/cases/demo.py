"""Fictional demo cases for Saint Lucia.

By default (`seed_demo` without `--cases`) the island's own scale: the public record shows 0 to 4 identified
victims a year, so each of the last three years gets one to three identified cases and a handful that were
screened and not identified, or are still being screened. These are made through the case and screening
services as staff would make them, so each identified case has its screening, its consent and its decision.

With `--cases N` (and bench/cases.py) any scale: rows are inserted in bulk for speed (100,000 cases in
minutes); values still pass through the encrypted fields and blind indexes exactly as services would write
them. Either way names fit each person's nationality and districts follow the population. Demo cases are
marked by their summary.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from harbourline.accounts.models import Agency, User
from harbourline.core.demo_names import district_sampler, names_for
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


def _name(rng: random.Random, nationality: str, female: bool) -> tuple[str, str]:
    women, men, families = names_for(nationality)
    return rng.choice(women if female else men), rng.choice(families)


def _one(rng: random.Random, today: datetime.date, district: Any) -> tuple[Person, Case]:
    female = rng.random() < 0.7
    nationality = rng.choice(NATIONALITIES)
    given, family = _name(rng, nationality, female)
    age = rng.choice([rng.randint(9, 17), rng.randint(18, 30), rng.randint(18, 45), rng.randint(31, 55)])
    intake = today - datetime.timedelta(days=rng.randint(0, 3 * 365))
    born = intake - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    person = Person(
        given_names=given,
        family_name=family,
        date_of_birth=born,  # type: ignore[misc]
        gender=Gender.FEMININE if female else Gender.MASCULINE,
        age_band=age_band(age),
        is_minor=age < 18,
        nationality=nationality,
        district=district(),
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
        district=district(),
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
    district = district_sampler(rng)
    sequences = {s.year: s.last for s in CaseSequence.objects.all()}
    code = active_profile()["code"]
    done = 0
    while done < n:
        size = min(BATCH, n - done)
        with transaction.atomic():
            pairs = [_one(rng, today, district) for _ in range(size)]
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


# --- Island scale, through the services -------------------------------------------------------------------

DECIDING_BODY = "National identification panel (demo)"
INSTRUMENTS = {
    (False, "sexual"): "adult_sexual",
    (False, "labour"): "adult_labour",
    (True, "sexual"): "child_sexual",
    (True, "labour"): "child_labour",
}


def _island_person(rng: random.Random, intake: datetime.date, district: Any) -> tuple[dict[str, Any], bool]:
    female = rng.random() < 0.7
    nationality = rng.choice(NATIONALITIES)
    given, family = _name(rng, nationality, female)
    child = rng.random() < 0.15
    age = rng.randint(14, 17) if child else rng.randint(19, 45)
    born = intake - datetime.timedelta(days=age * 365 + rng.randint(30, 330))
    passport = nationality != "LC" and rng.random() < 0.8
    return {
        "given_names": given,
        "family_name": family,
        "date_of_birth": born,
        "gender": Gender.FEMININE if female else Gender.MASCULINE,
        "nationality": nationality,
        "district": district(),
        "document_type": "passport" if passport else "none",
        "document_number": f"P{rng.randint(1000000, 9999999)}" if passport else "",
    }, child


def _answers(rng: random.Random, indicators: list[Any], positive: bool) -> dict[int, tuple[str, str]]:
    """Present indicators for a screening: for a positive one, the strong indicators of each dimension (at
    most two) and medium ones until three; for a negative one, one or two weak or medium indicators."""
    from harbourline.cases.screening.models import Answer

    present: list[Any] = []
    if positive:
        by_dimension: dict[str, list[Any]] = {}
        for indicator in indicators:
            by_dimension.setdefault(indicator.dimension, []).append(indicator)
        for items in by_dimension.values():
            chosen = [i for i in items if i.strength == "S"][:2]
            chosen += [i for i in items if i.strength == "M"][: max(0, 3 - len(chosen))]
            present.extend(chosen)
    else:
        mild = [i for i in indicators if i.strength in ("W", "M")]
        present = rng.sample(mild, k=min(len(mild), rng.randint(1, 2)))
    marked = {i.pk for i in present}
    return {
        i.pk: (Answer.PRESENT, "Seen in the interview (demo).") if i.pk in marked else (Answer.ABSENT, "")
        for i in indicators
    }


def _screen(actor: User, case: Case, child: bool, form: str, on: datetime.date, positive: bool) -> bool:
    from harbourline.cases.screening import services as screening
    from harbourline.cases.screening.models import Answer, Instrument, InstrumentStatus

    from .services import case_transition

    instrument = Instrument.objects.filter(
        code=INSTRUMENTS[(child, form)], status=InstrumentStatus.ACTIVE
    ).first()
    if instrument is None:
        return False
    case_transition(actor=actor, case=case, name="start_screening")
    age = random.Random(case.pk).randint(13, 17) if child else random.Random(case.pk).randint(19, 45)
    record = screening.screening_start(
        actor=actor, case=case, instrument=instrument, interviewed_on=on, age_at_exploitation=age
    )
    indicators = list(instrument.indicators.order_by("dimension", "pk"))
    answers = _answers(random.Random(case.pk), indicators, positive)
    result = screening.screening_save(actor=actor, screening=record, answers=answers, complete=not positive)
    if positive and not result.suggested_victim:  # mark the whole list of any dimension still unmet
        met = {d.code for d in result.dimensions if d.met}
        answers.update(
            {
                i.pk: (Answer.PRESENT, "Seen in the interview (demo).")
                for i in indicators
                if i.dimension not in met
            }
        )
    if positive:
        screening.screening_save(actor=actor, screening=record, answers=answers, complete=True)
    return True


def seed_island_cases(ctx: SeedContext) -> int:
    """A few cases a year for the last three years, through the services: one to three identified a year
    (screening, consent, decision; some in assistance, some closed), and a few screened and not identified,
    being screened, or just taken in."""
    from harbourline.cases.codes import ClosureReason, ConsentMethod, ConsentPurpose

    from .services import (
        case_close,
        case_create,
        case_transition,
        child_protection_refer,
        consent_record,
        identification_decide,
    )

    actor = User.objects.filter(username="supervisor", is_demo=True).first()
    if actor is None or actor.agency is None or Case.objects.filter(created_by__is_demo=True).exists():
        return 0
    rng, today = ctx.rng, timezone.localdate()
    district = district_sampler(rng)
    plans: list[tuple[int, str]] = []
    for year in range(today.year - 2, today.year + 1):
        plans += [(year, "identified")] * rng.randint(1, 3)
        plans += [
            (year, rng.choice(["not_identified", "not_identified", "screening", "intake"]))
            for _ in range(rng.randint(3, 5))
        ]
    bar = ctx.progress("demo cases", len(plans))
    made = 0
    for year, outcome in plans:
        latest = min(datetime.date(year, 12, 31), today) - datetime.timedelta(days=60)
        intake = datetime.date(year, 1, 5) + datetime.timedelta(
            days=rng.randint(0, max(0, (latest - datetime.date(year, 1, 5)).days))
        )
        person, child = _island_person(rng, intake, district)
        form = "sexual" if rng.random() < 0.45 else "labour"
        case = case_create(
            actor=actor,
            owning_agency=actor.agency,
            intake_source=rng.choice(
                [
                    IntakeSource.POLICE_OPERATION,
                    IntakeSource.LABOUR_INSPECTION,
                    IntakeSource.NGO,
                    IntakeSource.TIP_LINE,
                ]
            ),
            intake_date=intake,
            forms_of_exploitation=[
                ExploitationForm.SEXUAL if form == "sexual" else ExploitationForm.FORCED_LABOUR
            ],
            person=person,
            district=person["district"],
            child_involved=child,
            summary="Demo case: fictional data for training and testing.",
            country_of_exploitation="LC",
            country_of_recruitment=person["nationality"],
        )
        screened_on = intake + datetime.timedelta(days=rng.randint(1, 10))
        if outcome == "intake":
            pass
        elif outcome == "screening":
            case_transition(actor=actor, case=case, name="start_screening")
        elif outcome == "not_identified":
            if _screen(actor, case, child, form, screened_on, positive=False):
                case_transition(
                    actor=actor,
                    case=case,
                    name="not_a_victim",
                    reason="Screening found no indicators of trafficking; referred to labour services (demo).",
                )
        elif _screen(actor, case, child, form, screened_on, positive=True):
            case_transition(
                actor=actor, case=case, name="presume_victim", reason="Screening indicators met (demo)."
            )
            foreign = person["nationality"] != "LC"
            consent_record(
                actor=actor,
                case=case,
                purpose=ConsentPurpose.ASSISTANCE,
                given_on=screened_on,
                method=ConsentMethod.BY_GUARDIAN
                if child
                else (
                    ConsentMethod.WITH_INTERPRETER
                    if foreign and person["nationality"] not in ("GY", "JM", "VC", "DM")
                    else ConsentMethod.IN_PERSON_ORAL
                ),
                interpreter_language="Spanish" if person["nationality"] in ("CU", "VE", "DO") else "",
                guardian_name="Department of Human Services (demo guardian)" if child else "",
            )
            decided = min(
                screened_on + datetime.timedelta(days=rng.randint(7, 40)), datetime.date(year, 12, 31), today
            )
            identification_decide(
                actor=actor,
                case=case,
                identified=True,
                deciding_body=DECIDING_BODY,
                decided_on=decided,
                basis="Act, means and purpose established from the screening and the investigation (demo).",
            )
            if child:
                child_protection_refer(
                    actor=actor, case=case, referred_on=decided, reference=f"HSD-DEMO-{case.pk}"
                )
            case_transition(actor=actor, case=case, name="start_assistance")
            if year < today.year and rng.random() < 0.5:
                case_close(
                    actor=actor,
                    case=case,
                    closure_reason=rng.choice([ClosureReason.REINTEGRATED, ClosureReason.RETURNED]),
                    reason="Assistance plan completed (demo).",
                )
        made += 1
        bar.update(1)
    bar.close()
    return made


def seed_demo_cases(ctx: SeedContext) -> None:
    if getattr(ctx, "island", False):
        created = seed_island_cases(ctx)
    else:
        bar = ctx.progress("demo cases", ctx.cases)
        created = generate_cases(ctx.cases, rng=ctx.rng, progress=bar)
        bar.close()
    ctx.created["cases"] = ctx.created.get("cases", 0) + created


register_seeder(Seeder("cases", seed_demo_cases, order=30))

__all__ = ["generate_cases"]
