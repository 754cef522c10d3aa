"""Launch content: six pages in English (approved) with draft Kwéyòl and Spanish texts (needing review by a
native speaker), all published, and the two launch leaflets as published materials."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations
from django.utils import timezone

PAGES = [
    # slug, section, order, feature
    ("what-is-trafficking", "what-is-trafficking", 0, ""),
    ("signs", "signs", 0, ""),
    ("rights", "rights", 0, ""),
    ("get-help", "get-help", 0, "agencies"),
    ("how-to-report", "how-to-report", 0, "report"),
    ("materials", "materials", 0, "materials"),
]
LEAFLETS = [
    ("Human trafficking: know the signs", "en", "know-the-signs-en.pdf"),
    ("Trata de personas: conozca las señales", "es", "senales-de-alerta-es.pdf"),
]


def seed(apps, schema_editor):
    from harbourline.public.content import launch_acf, launch_en, launch_es
    from harbourline.public.leaflets import LEAFLET_DIR

    Page = apps.get_model("public", "Page")
    PageVersion = apps.get_model("public", "PageVersion")
    Material = apps.get_model("public", "Material")
    now = timezone.now()
    texts = {"en": launch_en.PAGES, "acf": launch_acf.PAGES, "es": launch_es.PAGES}
    for slug, section, order, feature in PAGES:
        page, created = Page.objects.get_or_create(
            slug=slug, defaults={"section": section, "order": order, "feature": feature}
        )
        if not created:
            continue
        for language, pages in texts.items():
            text = pages[slug]
            PageVersion.objects.create(
                page=page,
                language=language,
                title=text["title"],
                summary=text["summary"],
                body=text["body"],
                status="published",
                published_at=now,
                review_status="approved" if language == "en" else "needs_review",
            )
    for title, language, filename in LEAFLETS:
        name = f"public/materials/{filename}"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile((LEAFLET_DIR / filename).read_bytes()))
        if not Material.objects.filter(file=name).exists():
            Material.objects.create(
                title=title,
                language=language,
                kind="leaflet",
                file=name,
                size=default_storage.size(name),
                published=True,
            )


def unseed(apps, schema_editor):
    Page = apps.get_model("public", "Page")
    PageVersion = apps.get_model("public", "PageVersion")
    Material = apps.get_model("public", "Material")
    slugs = [slug for slug, *_ in PAGES]
    PageVersion.objects.filter(page__slug__in=slugs, author__isnull=True).delete()
    Page.objects.filter(slug__in=slugs, versions__isnull=True).delete()
    Material.objects.filter(file__in=[f"public/materials/{f}" for *_, f in LEAFLETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("public", "0001_pages_versions_and_materials")]

    operations = [migrations.RunPython(seed, unseed)]
