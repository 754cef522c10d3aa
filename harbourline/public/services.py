"""Every write of the public site's content: pages, their versions in each language, and materials."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_record
from harbourline.core.guards import Refused, checked, has_any

from .actions import PublicAction
from .models import Language, Material, Page, PageVersion, ReviewStatus, VersionStatus

if TYPE_CHECKING:
    from harbourline.accounts.models import User


def manages_campaigns(kwargs: Mapping[str, Any]) -> None:
    """Only campaign officers write the public site; the service checks it itself."""
    if not has_any(kwargs.get("actor"), Perm.CAMPAIGN_MANAGE):
        raise Refused("Your role does not allow this.", "public", "")


@checked(manages_campaigns)
@transaction.atomic
def page_create(*, actor: User, slug: str, section: str, order: int = 0, feature: str = "") -> Page:
    if Page.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": "A page with this address already exists."})
    page = Page.objects.create(slug=slug, section=section, order=order, feature=feature)
    audit_record(
        actor=actor,
        action=PublicAction.PAGE_CREATED,
        object_type="public.page",
        object_id=page.pk,
        details={"section": section},
    )
    return page


@checked(manages_campaigns)
@transaction.atomic
def page_version_save(
    *, actor: User, page: Page, language: str, title: str, summary: str, body: str, reviewed: bool = False
) -> PageVersion:
    """Save a new draft. Earlier versions stay as they are (they are the page's revisions).

    English is the working language; a version in another language needs review by a native speaker unless the
    editor says one has already approved this text.
    """
    approved = reviewed or language == Language.ENGLISH
    version = PageVersion.objects.create(
        page=page,
        language=language,
        title=title,
        summary=summary,
        body=body,
        author=actor,
        review_status=ReviewStatus.APPROVED if approved else ReviewStatus.NEEDS_REVIEW,
    )
    audit_record(
        actor=actor,
        action=PublicAction.PAGE_VERSION_SAVED,
        object_type="public.page_version",
        object_id=version.pk,
        details={"page": page.pk, "language": language, "review_status": version.review_status},
    )
    return version


@checked(manages_campaigns)
@transaction.atomic
def page_version_publish(*, actor: User, version: PageVersion) -> PageVersion:
    """Put a draft live: from now on it is the page in its language. The version it replaces stays in history."""
    version = PageVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError("Only a draft can be published. To bring back an older text, restore it first.")
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor,
        action=PublicAction.PAGE_VERSION_PUBLISHED,
        object_type="public.page_version",
        object_id=version.pk,
        details={
            "page": version.page_id,
            "language": version.language,
            "review_status": version.review_status,
        },
    )
    return version


@checked(manages_campaigns)
@transaction.atomic
def page_version_approve(*, actor: User, version: PageVersion) -> PageVersion:
    """Record that a native speaker has approved this text."""
    version = PageVersion.objects.select_for_update().get(pk=version.pk)
    if version.review_status == ReviewStatus.APPROVED:
        return version
    version.review_status = ReviewStatus.APPROVED
    version.save(update_fields=["review_status"])
    audit_record(
        actor=actor,
        action=PublicAction.PAGE_VERSION_APPROVED,
        object_type="public.page_version",
        object_id=version.pk,
        details={"page": version.page_id, "language": version.language},
    )
    return version


@checked(manages_campaigns)
@transaction.atomic
def page_version_restore(*, actor: User, version: PageVersion) -> PageVersion:
    """Copy an older version into a new draft, which can then be checked and published."""
    draft = PageVersion.objects.create(
        page=version.page,
        language=version.language,
        title=version.title,
        summary=version.summary,
        body=version.body,
        author=actor,
        review_status=version.review_status,
        restored_from=version,
    )
    audit_record(
        actor=actor,
        action=PublicAction.PAGE_VERSION_RESTORED,
        object_type="public.page_version",
        object_id=draft.pk,
        details={"page": version.page_id, "language": version.language, "restored_from": version.pk},
    )
    return draft


@checked(manages_campaigns)
@transaction.atomic
def material_add(*, actor: User, title: str, language: str, kind: str, file: UploadedFile) -> Material:
    """Add a material, not yet published. The form has checked its type and size."""
    material = Material(title=title, language=language, kind=kind, size=file.size or 0)
    material.file.save(file.name or "material", file, save=False)
    material.save()
    audit_record(
        actor=actor,
        action=PublicAction.MATERIAL_ADDED,
        object_type="public.material",
        object_id=material.pk,
        details={"language": language, "kind": kind, "size": material.size},
    )
    return material


@checked(manages_campaigns)
@transaction.atomic
def material_set_published(*, actor: User, material: Material, published: bool) -> Material:
    material = Material.objects.select_for_update().get(pk=material.pk)
    if material.published == published:
        return material
    material.published = published
    material.save(update_fields=["published"])
    audit_record(
        actor=actor,
        action=PublicAction.MATERIAL_PUBLISHED if published else PublicAction.MATERIAL_WITHDRAWN,
        object_type="public.material",
        object_id=material.pk,
        details={"language": material.language, "kind": material.kind},
    )
    return material
