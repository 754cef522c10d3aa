"""Cases for tests, made through the services as staff would."""

from __future__ import annotations

import datetime
from typing import Any

from harbourline.accounts.models import Agency, User
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user

from ..models import Case
from ..services import case_create


def case_worker(agency: Agency, role: Role = Role.SUPERVISOR, username: str | None = None) -> User:
    return make_user([role], agency=agency, username=username)


def make_case(actor: User, **person: Any) -> Case:
    defaults = {
        "given_names": "Marie",
        "family_name": "Jn Baptiste",
        "date_of_birth": datetime.date(1998, 3, 14),
        "gender": "Feminine",
        "nationality": "GY",
        "document_type": "passport",
        "document_number": "R1234567",
    }
    return case_create(
        actor=actor,
        owning_agency=actor.agency,
        intake_source="ngo",
        intake_date=datetime.date(2026, 3, 2),
        forms_of_exploitation=["ForcedLabour"],
        person={**defaults, **person},
        district="LC-11",
        summary="Worked 16 hours a day on a farm near Vieux Fort.",
    )
