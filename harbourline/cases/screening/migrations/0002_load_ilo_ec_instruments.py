"""Load the ILO/EC screening instruments shipped with the project, so a new installation can screen at once."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "instruments" / "ilo_ec_2009.json"


def load(apps, schema_editor):
    Instrument = apps.get_model("screening", "Instrument")
    Indicator = apps.get_model("screening", "Indicator")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for spec in data["instruments"]:
        if Instrument.objects.filter(code=spec["code"]).exists():
            continue
        instrument = Instrument.objects.create(
            code=spec["code"], version=1, name=spec["name"], age_group=spec["age_group"], status="active",
            source=data["source"], notes=spec.get("notes", ""), rules=spec["rules"], dimensions=data["dimensions"],
        )
        Indicator.objects.bulk_create([
            Indicator(instrument=instrument, order=n, dimension=i["dimension"], code=i["code"], label=i["label"],
                      strength=i["strength"], evidence=i.get("evidence", "S"), means_of_control=i.get("means_of_control", ""))
            for n, i in enumerate(spec["indicators"])
        ])


def unload(apps, schema_editor):
    apps.get_model("screening", "Instrument").objects.filter(version=1, screenings__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_screening_instruments_and_screenings")]
    operations = [migrations.RunPython(load, unload)]
