"""Demo agencies and one demo user per role, for `make run` and the browser tests."""

from __future__ import annotations

from django.db import transaction

from harbourline.core.registry import SeedContext, Seeder, register_seeder

from .models import Agency, AgencyType, AuthenticatorDevice, User
from .permissions import Role
from .services import agency_create, user_create

DEMO_PASSWORD = "Harbour-demo-2026!"

DEMO_NGO = {
    "name": "Hope Harbour Shelter (demo NGO)",
    "short_name": "Hope Harbour",
    "agency_type": AgencyType.NGO,
    "services": "Shelter; counselling; accompaniment",
}
DEMO_IO = {
    "name": "International Organization for Migration (demo office)",
    "short_name": "IOM",
    "agency_type": AgencyType.INTERNATIONAL,
    "services": "Return and reintegration; technical support",
}

# username, role, agency name, first name, last name
DEMO_USERS = [
    (
        "coordinator",
        Role.NATIONAL_COORDINATOR,
        "Department of Home Affairs and National Security",
        "Celestine",
        "Monrose",
    ),
    ("casemanager", Role.CASE_MANAGER, "Department of Human Services", "Verlina", "St. Rose"),
    ("supervisor", Role.SUPERVISOR, "Department of Human Services", "Gregory", "Alcide"),
    ("police", Role.POLICE_INVESTIGATOR, "Royal Saint Lucia Police Force", "Kenroy", "Deterville"),
    (
        "prosecutor",
        Role.PROSECUTOR,
        "Office of the Director of Public Prosecutions",
        "Marcella",
        "Joseph",
    ),
    ("health", Role.HEALTH_PROVIDER, "Ministry of Health and Wellness", "Agatha", "Fontenelle"),
    ("shelter", Role.SERVICE_PROVIDER, "Hope Harbour Shelter (demo NGO)", "Sherma", "Polius"),
    ("triage", Role.TRIAGE_OFFICER, "Department of Home Affairs and National Security", "Shem", "Lubin"),
    (
        "campaign",
        Role.CAMPAIGN_OFFICER,
        "Department of Home Affairs and National Security",
        "Natasha",
        "Cenac",
    ),
    ("trainer", Role.TRAINER, "Department of Home Affairs and National Security", "Julian", "Regis"),
    ("analyst", Role.ANALYST, "Department of Home Affairs and National Security", "Leandra", "Gustave"),
    ("admin", Role.ADMINISTRATOR, "Department of Home Affairs and National Security", "Dwight", "Isidore"),
]


@transaction.atomic
def seed_demo_users(ctx: SeedContext) -> None:
    for spec in (DEMO_NGO, DEMO_IO):
        if not Agency.objects.filter(name=spec["name"]).exists():
            agency_create(actor=None, **spec)
    bar = ctx.progress("demo users", len(DEMO_USERS))
    for username, role, agency_name, first, last in DEMO_USERS:
        if not User.objects.filter(username=username).exists():
            user = user_create(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                roles=[role],
                agency=Agency.objects.get(name=agency_name),
                first_name=first,
                last_name=last,
                email=f"{username}@demo.harbourline.invalid",
                must_change_password=False,
                is_demo=True,
            )
            AuthenticatorDevice.objects.create(user=user, name="Demo authenticator", confirmed=True)
            ctx.created["users"] = ctx.created.get("users", 0) + 1
        bar.update(1)
    bar.close()


register_seeder(Seeder("users", seed_demo_users, order=10))
