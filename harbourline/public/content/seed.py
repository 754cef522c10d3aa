"""Create the launch content: called by the data migration (with its historical models) and by browser tests,
whose database is emptied between tests."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

LAUNCH_PAGES = [
    # slug, section, order, feature
    ("what-is-trafficking", "what-is-trafficking", 0, ""),
    ("signs", "signs", 0, ""),
    ("rights", "rights", 0, ""),
    ("get-help", "get-help", 0, "agencies"),
    ("how-to-report", "how-to-report", 0, "report"),
    ("materials", "materials", 0, "materials"),
]
LAUNCH_LEAFLETS = [
    ("Human trafficking: know the signs", "en", "know-the-signs-en.pdf"),
    ("Trata de personas: conozca las señales", "es", "senales-de-alerta-es.pdf"),
]


def seed_launch_content(page_model: Any, version_model: Any, material_model: Any) -> None:
    from harbourline.public.leaflets import LEAFLET_DIR

    from . import launch_acf, launch_en, launch_es

    now = timezone.now()
    texts = {"en": launch_en.PAGES, "acf": launch_acf.PAGES, "es": launch_es.PAGES}
    for slug, section, order, feature in LAUNCH_PAGES:
        page, created = page_model.objects.get_or_create(
            slug=slug, defaults={"section": section, "order": order, "feature": feature}
        )
        if not created:
            continue
        for language, pages in texts.items():
            text = pages[slug]
            version_model.objects.create(
                page=page,
                language=language,
                title=text["title"],
                summary=text["summary"],
                body=text["body"],
                status="published",
                published_at=now,
                review_status="approved" if language == "en" else "needs_review",
            )
    for title, language, filename in LAUNCH_LEAFLETS:
        name = f"public/materials/{filename}"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile((LEAFLET_DIR / filename).read_bytes()))
        if not material_model.objects.filter(file=name).exists():
            material_model.objects.create(
                title=title,
                language=language,
                kind="leaflet",
                file=name,
                size=default_storage.size(name),
                published=True,
            )


def unseed_launch_content(page_model: Any, version_model: Any, material_model: Any) -> None:
    slugs = [slug for slug, *_ in LAUNCH_PAGES]
    version_model.objects.filter(page__slug__in=slugs, author__isnull=True).delete()
    page_model.objects.filter(slug__in=slugs, versions__isnull=True).delete()
    material_model.objects.filter(file__in=[f"public/materials/{f}" for *_, f in LAUNCH_LEAFLETS]).delete()
