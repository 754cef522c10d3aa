from __future__ import annotations

from typing import Any

from django.db import transaction

from harbourline.accounts.models import Agency
from harbourline.accounts.services import agency_create
from harbourline.audit.actions import PlatformAction
from harbourline.audit.services import audit_record

from .models import Country, District
from .selectors import load_profile

REQUIRED_KEYS = ("code", "name", "districts", "agencies", "languages", "emergency", "hotline", "currency")


def validate_profile(data: dict[str, Any]) -> list[str]:
    problems = [f"missing '{key}'" for key in REQUIRED_KEYS if key not in data]
    for district in data.get("districts", []):
        if not str(district.get("code", "")).startswith(f"{data.get('code')}-"):
            problems.append(f"district {district.get('name')!r} has a code outside {data.get('code')}")
    return problems


@transaction.atomic
def country_load(*, name: str) -> dict[str, int]:
    """Load (or refresh) a country profile: the country, its districts and its agencies. Idempotent."""
    data = load_profile(name)
    problems = validate_profile(data)
    if problems:
        raise ValueError("The profile is not valid: " + "; ".join(problems))
    country, _ = Country.objects.update_or_create(
        code=data["code"], defaults={"name": data["name"], "profile": data}
    )
    codes = set()
    for item in data["districts"]:
        District.objects.update_or_create(
            code=item["code"],
            defaults={
                "country": country,
                "name": item["name"],
                "population_2010": item.get("population_2010"),
            },
        )
        codes.add(item["code"])
    District.objects.filter(country=country).exclude(code__in=codes).update(is_active=False)
    new_agencies = 0
    for item in data["agencies"]:
        if not Agency.objects.filter(name=item["name"]).exists():
            fields = {k: v for k, v in item.items() if k != "district"}
            agency_create(
                actor=None, district=District.objects.filter(code=item.get("district")).first(), **fields
            )
            new_agencies += 1
    audit_record(
        actor=None,
        action=PlatformAction.COUNTRY_LOADED,
        object_type="country",
        object_id=country.code,
        actor_label="system",
        details={"districts": len(codes), "new_agencies": new_agencies},
    )
    return {"districts": len(codes), "new_agencies": new_agencies}
