from __future__ import annotations

from django.conf import settings
from django.db import models


class Sector(models.TextChoices):
    POLICE = "police", "Police"
    IMMIGRATION = "immigration", "Immigration"
    CUSTOMS = "customs", "Customs"
    LABOUR = "labour", "Labour inspection"
    DIPLOMATIC = "diplomatic", "Diplomatic and consular"
    HEALTH = "health", "Health"
    SOCIAL = "social", "Social services"
    JUSTICE = "justice", "Prosecution and judiciary"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    OTHER = "other", "Other"


class Module(models.Model):
    """One unit of the curriculum, taught in one or more sessions."""

    code = models.SlugField(max_length=40, unique=True, help_text="Short code, for example 'identification'.")
    title = models.CharField(
        help_text="Name of the module as trainers and participants see it.",
        max_length=200,
        verbose_name="title",
    )
    summary = models.TextField(blank=True, verbose_name="summary", help_text="What the module is about.")
    objectives = models.TextField(
        blank=True, verbose_name="learning objectives", help_text="One objective per line."
    )
    target_sectors = models.JSONField(
        default=list, blank=True, help_text="Codes of the sectors the module is written for."
    )
    duration_minutes = models.PositiveIntegerField(default=90, verbose_name="duration in minutes")
    order = models.PositiveIntegerField(default=0, help_text="Position in the curriculum.")
    is_active = models.BooleanField(default=True, help_text="Retired modules stay for past workshops.")

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    def sector_labels(self) -> list[str]:
        return [str(Sector(code).label) for code in self.target_sectors if code in Sector.values]


class MaterialVersion(models.Model):
    """One uploaded version of a module's material; earlier versions are kept."""

    module = models.ForeignKey(
        Module,
        help_text="Module the material belongs to.",
        on_delete=models.PROTECT,
        related_name="materials",
    )
    title = models.CharField(max_length=200, help_text="For example 'Slides' or 'Facilitator guide'.")
    version = models.PositiveIntegerField(help_text="1 for the first upload of this title, then 2, 3, ...")
    file_name = models.CharField(max_length=200, help_text="Name of the uploaded file.")
    content_type = models.CharField(max_length=100, help_text="Kind of file (MIME type).")
    data = models.BinaryField(help_text="The file itself.")
    size = models.PositiveIntegerField(help_text="Size in bytes.")
    sha256 = models.CharField(max_length=64, help_text="Checksum of the file.")
    note = models.CharField(max_length=300, blank=True, help_text="What changed in this version.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who uploaded this version.",
    )
    uploaded_at = models.DateTimeField(
        help_text="When this version was uploaded.", auto_now_add=True, verbose_name="uploaded at"
    )

    class Meta:
        ordering = ["module", "title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["module", "title", "version"], name="one_material_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Question(models.Model):
    """A multiple-choice question in a module's question bank."""

    module = models.ForeignKey(
        Module,
        help_text="Module whose question bank holds the question.",
        on_delete=models.PROTECT,
        related_name="questions",
    )
    text = models.TextField(verbose_name="question")
    choices = models.JSONField(help_text="The answer options, in order (two to five).")
    correct_index = models.PositiveSmallIntegerField(help_text="Position of the right answer, from 0.")
    explanation = models.TextField(blank=True, help_text="Why the right answer is right, for the debrief.")
    form = models.CharField(
        max_length=1,
        choices=[("A", "Form A"), ("B", "Form B")],
        default="A",
        help_text="Parallel forms: the pre-test can use form A and the post-test form B.",
    )
    is_active = models.BooleanField(default=True, help_text="Retired questions stay in past tests.")

    class Meta:
        ordering = ["module", "form", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def correct_choice(self) -> str:
        return str(self.choices[self.correct_index])
