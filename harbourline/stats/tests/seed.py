"""Seeded, fictional figures data for the stats tests: rows written straight to the tables (stats reads them,
never writes), with each row's facts kept in plain Python so a test can count them directly."""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from harbourline.accounts.models import Agency, AgencyType
from harbourline.accounts.tests.factories import AgencyFactory
from harbourline.cases.codes import AgeBand, CaseStatus, ClosureReason, Gender
from harbourline.cases.models import Case, Person, PlanItem
from harbourline.cases.models.care import ServiceCategory, ServiceStatus
from harbourline.public.tips.models import Channel, HeardVia, Tip
from harbourline.training.models import Participant, Registration, Workshop
from harbourline.training.models.curriculum import Sector
from harbourline.training.models.people import Attendance, RegistrationStatus, Sex
from harbourline.training.models.workshops import Session, WorkshopStatus

NATIONALITIES = ["LC", "GY", "JM", "VE", "HT", ""]
DISTRICTS = ["LC-01", "LC-02", "LC-05", "LC-11", ""]
FLAGS = list(Case.FORM_FLAGS.values())


@dataclass
class Seeded:
    agencies: list[Agency]
    cases: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)
    tips: list[dict[str, Any]] = field(default_factory=list)
    trained: list[dict[str, Any]] = field(default_factory=list)


def _case_facts(rng: random.Random, agencies: list[Agency]) -> dict[str, Any]:
    year = rng.choice([2023, 2024, 2025])
    intake = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    status = rng.choice(CaseStatus.values)
    identified = None
    if status in (CaseStatus.IDENTIFIED, CaseStatus.ASSISTANCE, CaseStatus.CLOSED) and rng.random() < 0.8:
        identified = min(intake + datetime.timedelta(days=rng.randint(0, 200)), datetime.date(2025, 12, 31))
    closure = (
        rng.choice([ClosureReason.RETURNED, ClosureReason.REINTEGRATED])
        if status == CaseStatus.CLOSED
        else ""
    )
    flags = {flag: rng.random() < 0.35 for flag in FLAGS}
    band = rng.choice(AgeBand.values)
    return {
        "year": year,
        "intake_date": intake,
        "status": status,
        "identified_on": identified,
        "closure_reason": closure,
        "closed_at": timezone.make_aware(datetime.datetime(year, 12, 1, 12)) if closure else None,
        "agency": rng.choice(agencies),
        "district": rng.choice(DISTRICTS),
        "flags": flags,
        "gender": rng.choice(Gender.values),
        "age_band": band,
        "is_minor": rng.choice([True, False, None]),
        "nationality": rng.choice(NATIONALITIES),
        "citizenship": rng.choice(["", "", "", "TT"]),
    }


def seed_cases(rng: random.Random, agencies: list[Agency], count: int) -> list[dict[str, Any]]:
    facts = [_case_facts(rng, agencies) for _ in range(count)]
    people = Person.objects.bulk_create(
        Person(
            gender=f["gender"],
            age_band=f["age_band"],
            is_minor=f["is_minor"],
            nationality=f["nationality"],
            citizenship=f["citizenship"],
        )
        for f in facts
    )
    start = Case.objects.count()
    cases = Case.objects.bulk_create(
        Case(
            number=f"LC-T-{start + k:06d}",
            person=person,
            owning_agency=f["agency"],
            status=f["status"],
            intake_source="ngo",
            intake_date=f["intake_date"],
            district=f["district"],
            identified_on=f["identified_on"],
            closure_reason=f["closure_reason"],
            closed_at=f["closed_at"],
            **f["flags"],
        )
        for k, (f, person) in enumerate(zip(facts, people, strict=True))
    )
    for f, case in zip(facts, cases, strict=True):
        f["case"] = case
    return facts


def seed_services(rng: random.Random, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for f in cases:
        for _ in range(rng.randint(0, 2)):
            end = rng.choice([None, datetime.date(rng.choice([2024, 2025]), rng.randint(1, 12), 3)])
            start = rng.choice([None, datetime.date(2024, 6, 1)])
            out.append(
                {
                    "case": f,
                    "category": rng.choice(ServiceCategory.values),
                    "status": rng.choice(
                        [ServiceStatus.DELIVERED, ServiceStatus.DELIVERED, ServiceStatus.PLANNED]
                    ),
                    "actual_end": end,
                    "actual_start": start,
                }
            )
    PlanItem.objects.bulk_create(
        PlanItem(
            case=s["case"]["case"],
            category=s["category"],
            status=s["status"],
            actual_end=s["actual_end"],
            actual_start=s["actual_start"],
        )
        for s in out
    )
    return out


def seed_tips(rng: random.Random, count: int) -> list[dict[str, Any]]:
    out = []
    for _ in range(count):
        year = rng.choice([2024, 2025])
        tip = Tip.objects.create(
            reference=uuid.uuid4().hex[:12],
            passphrase_hash="x",
            idempotency_key=uuid.uuid4(),
            channel=rng.choice(Channel.values),
            what_happened="Fictional tip for the figures tests.",
            district=rng.choice(DISTRICTS),
            heard_via=rng.choice([*HeardVia.values, ""]),
        )
        received = timezone.make_aware(datetime.datetime(year, rng.randint(1, 12), 10, 12))
        Tip.objects.filter(pk=tip.pk).update(received_at=received)
        out.append(
            {"year": year, "channel": tip.channel, "district": tip.district, "heard_via": tip.heard_via}
        )
    return out


def seed_training(rng: random.Random, agencies: list[Agency], count: int) -> list[dict[str, Any]]:
    out = []
    workshops = {
        year: Workshop.objects.create(
            title=f"Workshop {year}",
            venue="Castries",
            district="LC-02",
            start_date=datetime.date(year, 5, 1),
            end_date=datetime.date(year, 5, 2),
            status=WorkshopStatus.HELD,
            access_code=f"W{year}",
            attendance_threshold=100,
            pass_mark=0,  # the rule: the one session attended, no post-test
        )
        for year in (2024, 2025)
    }
    sessions = {
        year: Session.objects.create(
            workshop=w, date=w.start_date, starts_at=datetime.time(9), ends_at=datetime.time(16)
        )
        for year, w in workshops.items()
    }
    for n in range(count):
        agency = rng.choice([*agencies, None])
        participant = Participant.objects.create(
            first_name=f"P{n}",
            last_name="Trainee",
            sex=rng.choice(Sex.values),
            agency=agency,
            sector=rng.choice(Sector.values),
            duplicate_key=f"p{n}",
        )
        year = rng.choice([2024, 2025])
        status = rng.choice(
            [RegistrationStatus.ATTENDED, RegistrationStatus.COMPLETED, RegistrationStatus.WITHDRAWN]
        )
        registration = Registration.objects.create(
            workshop=workshops[year], participant=participant, number=n + 1, pin="123456", status=status
        )
        came = rng.random() < 0.8
        if came:
            Attendance.objects.create(session=sessions[year], registration=registration, status="present")
        out.append(
            {
                "year": year,
                "trained": status != RegistrationStatus.WITHDRAWN and came,
                "agency_type": agency.agency_type if agency else "",
                "sector": participant.sector,
            }
        )
    return out


def seed_all(seed: int = 7, cases: int = 160) -> Seeded:
    rng = random.Random(seed)
    agencies = [
        AgencyFactory.create(name="Police (figures test)", agency_type=AgencyType.POLICE),
        AgencyFactory.create(name="Human Services (figures test)", agency_type=AgencyType.MINISTRY),
        AgencyFactory.create(name="Shelter NGO (figures test)", agency_type=AgencyType.NGO),
    ]
    data = Seeded(agencies)
    data.cases = seed_cases(rng, agencies, cases)
    data.services = seed_services(rng, data.cases)
    data.tips = seed_tips(rng, 40)
    data.trained = seed_training(rng, agencies, 30)
    return data
