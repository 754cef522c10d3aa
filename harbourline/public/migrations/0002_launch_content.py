"""Launch content: six pages in English (approved) with draft Kwéyòl and Spanish texts (needing review by a
native speaker), all published, and the two launch leaflets as published materials."""

from django.db import migrations


def seed(apps, schema_editor):
    from harbourline.public.content.seed import seed_launch_content

    models = [apps.get_model("public", name) for name in ("Page", "PageVersion", "Material")]
    seed_launch_content(*models)


def unseed(apps, schema_editor):
    from harbourline.public.content.seed import unseed_launch_content

    models = [apps.get_model("public", name) for name in ("Page", "PageVersion", "Material")]
    unseed_launch_content(*models)


class Migration(migrations.Migration):
    dependencies = [("public", "0001_pages_versions_and_materials")]

    operations = [migrations.RunPython(seed, unseed)]
