from django.db import migrations


def load(apps, schema_editor):
    from harbourline.training.content.seed import load_starter_curriculum

    load_starter_curriculum(apps.get_model("training", "Module"), apps.get_model("training", "Question"))


def unload(apps, schema_editor):
    from harbourline.training.content.starter import MODULES

    codes = [m["code"] for m in MODULES]
    Module = apps.get_model("training", "Module")
    apps.get_model("training", "Question").objects.filter(module__code__in=codes).delete()
    Module.objects.filter(code__in=codes, workshops__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_curriculum_workshops_participants_certificates")]
    operations = [migrations.RunPython(load, unload)]
