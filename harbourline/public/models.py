"""Public site content: pages with one version per edit and language, and campaign materials to download."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .sections import Section


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    KWEYOL = "acf", "Kwéyòl"
    SPANISH = "es", "Español"


class Feature(models.TextChoices):
    NONE = "", "Nothing"
    AGENCIES = "agencies", "Agencies by district, emergency and hotline numbers"
    REPORT = "report", "Links to the tip form, the tip status page and the hotline"
    MATERIALS = "materials", "Campaign materials to download"


class Page(models.Model):
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The page's address after the language: /en/<slug>/."
    )
    section = models.CharField(
        max_length=40, choices=Section.choices, help_text="The menu section it belongs to."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in its section (lowest first).")
    feature = models.CharField(
        max_length=20,
        choices=Feature.choices,
        blank=True,
        default="",
        help_text="A block shown under the text.",
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="created at")

    class Meta:
        ordering = ["section", "order", "slug"]

    def __str__(self) -> str:
        return self.slug


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ReviewStatus(models.TextChoices):
    NEEDS_REVIEW = "needs_review", "Needs review by a native speaker"
    APPROVED = "approved", "Approved"


class PageVersion(models.Model):
    """One saved text of a page in one language. Never changed after saving, except its status."""

    page = models.ForeignKey(Page, on_delete=models.PROTECT, related_name="versions", verbose_name="page")
    language = models.CharField(max_length=8, choices=Language.choices, verbose_name="language")
    title = models.CharField(max_length=200, verbose_name="title")
    summary = models.CharField(
        max_length=400, blank=True, verbose_name="summary", help_text="One or two sentences."
    )
    body = models.TextField(
        verbose_name="text",
        help_text='Plain text: "## " starts a heading, "- " a list item, [words](link) a link.',
    )
    status = models.CharField(
        max_length=12,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
        verbose_name="publication status",
    )
    review_status = models.CharField(
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.NEEDS_REVIEW,
        verbose_name="review by a native speaker",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who saved this version (empty for the launch content).",
    )
    restored_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The older version this draft was copied from, if it is a restore.",
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="saved at")
    published_at = models.DateTimeField(null=True, blank=True, help_text="When it went live.")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["page", "language", "status", "-published_at"], name="public_live_version")
        ]

    def __str__(self) -> str:
        return f"{self.page_id}:{self.language}:{self.pk}"


class MaterialKind(models.TextChoices):
    POSTER = "poster", _("Poster")
    LEAFLET = "leaflet", _("Leaflet")
    RADIO_SCRIPT = "radio_script", _("Radio script")


class Material(models.Model):
    title = models.CharField(max_length=200, verbose_name="title")
    language = models.CharField(max_length=8, choices=Language.choices, verbose_name="language")
    kind = models.CharField(max_length=20, choices=MaterialKind.choices, verbose_name="kind of material")
    file = models.FileField(
        upload_to="public/materials/", verbose_name="file", help_text="PDF or plain text."
    )
    size = models.PositiveIntegerField(default=0, help_text="File size in bytes.")
    published = models.BooleanField(default=False, help_text="Shown on the public site.")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="added at")

    class Meta:
        ordering = ["kind", "language", "title"]

    def __str__(self) -> str:
        return self.title
