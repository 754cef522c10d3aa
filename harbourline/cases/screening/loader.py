"""The one loader of screening instrument files, used by the data migrations and by ``instruments_load``.

It takes the model classes as arguments, so a migration can pass its historical models: an indicator field that
the model does not have yet (in an early migration) is left out, of the rows and of the comparison. An
instrument whose content differs from its latest version becomes a new active version; the versions before it
are retired and the screenings made with them keep them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.utils import timezone

INSTRUMENTS = Path(__file__).resolve().parent / "instruments"
DATA_FILE = INSTRUMENTS / "ilo_ec_2009.json"
# The content first shipped (format 1), loaded by migration 0002 so every installation has the same version 1.
FIRST_FILE = INSTRUMENTS / "ilo_ec_2009.v1.json"

INDICATOR_FIELDS = (
    "dimension",
    "code",
    "label",
    "strength",
    "evidence",
    "means_of_control",
    "marks_abduction",
    "source",
)
DEFAULTS: dict[str, Any] = {"evidence": "S", "means_of_control": "", "marks_abduction": False, "source": ""}


def read(path: Path = DATA_FILE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _fields(indicator_model: Any) -> tuple[str, ...]:
    names = {f.name for f in indicator_model._meta.get_fields()}
    return tuple(name for name in INDICATOR_FIELDS if name in names)


def _content(
    *, rules: Any, dimensions: Any, age_group: str, indicators: list[dict[str, Any]], fields: tuple[str, ...]
) -> str:
    rows = [[i.get(name, DEFAULTS.get(name)) for name in fields] for i in indicators]
    return json.dumps(
        {"rules": rules, "dimensions": dimensions, "age_group": age_group, "indicators": rows}, sort_keys=True
    )


def load(
    instrument_model: Any, indicator_model: Any, data: dict[str, Any], *, created_by: Any = None
) -> list[Any]:
    """Create a new active version of each instrument in ``data`` whose content changed; return them."""
    fields = _fields(indicator_model)
    created = []
    for spec in data["instruments"]:
        latest = instrument_model.objects.filter(code=spec["code"]).order_by("-version").first()
        wanted = _content(
            rules=spec["rules"],
            dimensions=data["dimensions"],
            age_group=spec["age_group"],
            indicators=spec["indicators"],
            fields=fields,
        )
        if latest is not None:
            stored = list(latest.indicators.order_by("order", "id").values(*fields))
            have = _content(
                rules=latest.rules,
                dimensions=latest.dimensions,
                age_group=latest.age_group,
                indicators=stored,
                fields=fields,
            )
            if have == wanted:
                continue
        instrument = instrument_model(
            code=spec["code"],
            version=(latest.version + 1) if latest else 1,
            name=spec["name"],
            age_group=spec["age_group"],
            source=data["source"],
            notes=spec.get("notes", ""),
            rules=spec["rules"],
            dimensions=data["dimensions"],
            created_by=created_by,
        )
        instrument.save()
        indicator_model.objects.bulk_create(
            [
                indicator_model(
                    instrument=instrument,
                    order=n,
                    **{name: i.get(name, DEFAULTS.get(name)) for name in fields},
                )
                for n, i in enumerate(spec["indicators"])
            ]
        )
        activate(instrument_model, instrument)
        created.append(instrument)
    return created


def activate(instrument_model: Any, instrument: Any) -> None:
    """Make ``instrument`` the active version of its code; the one active before is retired."""
    instrument_model.objects.filter(code=instrument.code, status="active").exclude(pk=instrument.pk).update(
        status="retired"
    )
    instrument.status, instrument.activated_at = "active", timezone.now()
    instrument.save(update_fields=["status", "activated_at"])
