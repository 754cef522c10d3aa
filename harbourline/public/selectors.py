"""Reads for the public site and for the campaign officer's pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from harbourline.accounts.models import Agency
from harbourline.country.selectors import district_choices

from .models import Language, Material, Page, PageVersion, VersionStatus


@dataclass(frozen=True)
class LivePage:
    page: Page
    version: PageVersion
    requested_language: str

    @property
    def is_fallback(self) -> bool:
        return self.version.language != self.requested_language


def live_version(page: Page, language: str) -> PageVersion | None:
    """The most recently published version of a page in one language."""
    return (
        PageVersion.objects.filter(page=page, language=language, status=VersionStatus.PUBLISHED)
        .order_by("-published_at", "-id")
        .first()
    )


def live_page_get(*, slug: str, language: str) -> LivePage:
    """A published page in the language asked for, or in English with a notice; 404 when neither exists."""
    page = Page.objects.filter(slug=slug).first()
    if page is None:
        raise Http404
    version = live_version(page, language) or (
        live_version(page, Language.ENGLISH) if language != "en" else None
    )
    if version is None:
        raise Http404
    return LivePage(page=page, version=version, requested_language=language)


def section_pages(*, section: str, language: str, exclude: Page) -> list[LivePage]:
    """The other published pages of a section, in order, each in the language asked for or English."""
    pages = []
    for page in Page.objects.filter(section=section).exclude(pk=exclude.pk).order_by("order", "slug"):
        version = live_version(page, language) or live_version(page, Language.ENGLISH)
        if version is not None:
            pages.append(LivePage(page=page, version=version, requested_language=language))
    return pages


def agencies_by_district() -> list[dict[str, Any]]:
    """Active agencies grouped by district (name, services and phone only: never an address)."""
    agencies = Agency.objects.filter(is_active=True).select_related("district").order_by("name")
    groups: dict[str, list[Agency]] = {}
    for agency in agencies:
        groups.setdefault(agency.district_id or "", []).append(agency)
    result = [
        {"code": code, "name": name, "agencies": groups[code]}
        for code, name in district_choices()
        if code in groups
    ]
    if "" in groups:
        result.append({"code": "", "name": "", "agencies": groups[""]})
    return result


def published_materials(language: str | None = None) -> QuerySet[Material]:
    materials = Material.objects.filter(published=True)
    return materials.filter(language=language) if language else materials


def material_get_published(material_id: int) -> Material:
    material = Material.objects.filter(pk=material_id, published=True).first()
    if material is None:
        raise Http404
    return material
