"""Load the ILO/EC screening instruments first shipped with the project (version 1 of each), so a new
installation can screen at once. The loading itself is ``loader.load``, the one loader."""

from django.db import migrations

from harbourline.cases.screening import loader


def load(apps, schema_editor):
    loader.load(
        apps.get_model("screening", "Instrument"),
        apps.get_model("screening", "Indicator"),
        loader.read(loader.FIRST_FILE),
    )


def unload(apps, schema_editor):
    apps.get_model("screening", "Instrument").objects.filter(version=1, screenings__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_screening_instruments_and_screenings")]
    operations = [migrations.RunPython(load, unload)]
