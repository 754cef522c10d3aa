"""Reads for the public site and for the campaign officer's pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from harbourline.accounts.models import Agency
from harbourline.country.selectors import district_choices

from .models import Language, Material, Page, PageVersion, ReviewStatus, VersionStatus


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
    """The other published pages of a section, in order, each in the language asked for or English (one query)."""
    versions = (
        PageVersion.objects.filter(
            page__section=section, status=VersionStatus.PUBLISHED, language__in={language, Language.ENGLISH}
        )
        .exclude(page=exclude)
        .select_related("page")
        .order_by("published_at", "id")
    )
    chosen: dict[int, PageVersion] = {}
    for version in versions:  # later versions replace earlier ones; the asked-for language beats English
        current = chosen.get(version.page_id)
        if current is None or version.language == language or current.language != language:
            chosen[version.page_id] = version
    ordered = sorted(chosen.values(), key=lambda v: (v.page.order, v.page.slug))
    return [LivePage(page=v.page, version=v, requested_language=language) for v in ordered]


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


# --- the campaign officer's pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageState:
    language: str
    live: PageVersion | None
    latest: PageVersion | None

    @property
    def has_newer_draft(self) -> bool:
        return self.latest is not None and self.latest.status == VersionStatus.DRAFT

    @property
    def needs_review(self) -> bool:
        shown = self.live or self.latest
        return shown is not None and shown.review_status == ReviewStatus.NEEDS_REVIEW


def _language_states(page: Page, versions: list[PageVersion]) -> list[LanguageState]:
    states = []
    for code in Language.values:
        mine = [v for v in versions if v.language == code]
        published = [v for v in mine if v.status == VersionStatus.PUBLISHED]
        live = max(published, key=lambda v: (v.published_at, v.pk)) if published else None
        latest = max(mine, key=lambda v: (v.created_at, v.pk)) if mine else None
        states.append(LanguageState(language=code, live=live, latest=latest))
    return states


def page_list_for_manage() -> list[dict[str, Any]]:
    """Every page with, per language, the live version and the latest one (two queries in all)."""
    pages = Page.objects.prefetch_related("versions").order_by("section", "order", "slug")
    return [{"page": page, "languages": _language_states(page, list(page.versions.all()))} for page in pages]


def page_get_for_user(user: Any, page_id: int) -> Page:
    """Site content is not scoped by agency: the view's permission is the whole rule. 404 when missing."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


def page_versions(page: Page) -> list[PageVersion]:
    return list(page.versions.select_related("author").order_by("language", "-created_at", "-id"))


def version_get_for_user(user: Any, version_id: int) -> PageVersion:
    version = PageVersion.objects.select_related("page", "author").filter(pk=version_id).first()
    if version is None:
        raise Http404
    return version


def latest_version(page: Page, language: str) -> PageVersion | None:
    return PageVersion.objects.filter(page=page, language=language).order_by("-created_at", "-id").first()


def pages_needing_review() -> list[dict[str, Any]]:
    """Kwéyòl and Spanish texts not yet approved: the live one, and a newer draft waiting to be published."""
    rows = []
    for item in page_list_for_manage():
        for state in item["languages"]:
            if state.language == Language.ENGLISH:
                continue
            for version in dict.fromkeys(v for v in (state.live, state.latest) if v is not None):
                if version.review_status == ReviewStatus.NEEDS_REVIEW:
                    rows.append({"page": item["page"], "version": version})
    return rows


def materials_for_manage() -> QuerySet[Material]:
    return Material.objects.order_by("-created_at", "-id")


def material_get_for_user(user: Any, material_id: int) -> Material:
    material = Material.objects.filter(pk=material_id).first()
    if material is None:
        raise Http404
    return material
