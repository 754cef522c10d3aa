"""Protection and assistance: risk assessments, the case plan (CTA s.24), tasks, notes, attachments, health."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from harbourline.crypto.fields import EncryptedTextField, SealedRowModel

from ..codes import RiskLevel
from .case import Case


class RiskAssessment(SealedRowModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risk_assessments")
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    threats = EncryptedTextField(blank=True, help_text="Who or what threatens the person's safety.")
    immediate_needs = models.JSONField(
        default=list, blank=True, help_text="Codes of the immediate needs checklist."
    )
    safety_plan = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"risk {self.level} on case {self.case_id}"


class ServiceCategory(models.TextChoices):
    """Assistance under the Counter-Trafficking Act s.24 (and s.22, s.25, s.29)."""

    SHELTER = "shelter", "Housing and shelter"
    COUNSELLING = "counselling", "Psychological counselling"
    MEDICAL = "medical", "Medical care"
    LEGAL = "legal", "Legal assistance and information"
    INTERPRETATION = "interpretation", "Interpretation"
    EDUCATION_EMPLOYMENT = "education_employment", "Education, training and employment"
    IMMIGRATION = "immigration", "Immigration status and work authorisation"
    SOCIAL_BENEFITS = "social_benefits", "Social benefits"
    REPATRIATION = "repatriation", "Repatriation and return"
    FAMILY_TRACING = "family_tracing", "Family tracing and contact"
    FINANCIAL = "financial", "Financial support"
    OTHER = "other", "Other"


class ServiceStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    REQUESTED = "requested", "Requested from provider"
    IN_PROGRESS = "in_progress", "In progress"
    DELIVERED = "delivered", "Delivered"
    DECLINED = "declined", "Declined by the person"
    CANCELLED = "cancelled", "Cancelled"


OPEN_SERVICE_STATUSES = (ServiceStatus.PLANNED, ServiceStatus.REQUESTED, ServiceStatus.IN_PROGRESS)


class PlanItem(SealedRowModel):
    """One need or service in the case plan."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_items")
    category = models.CharField(max_length=24, choices=ServiceCategory.choices)
    description = EncryptedTextField(blank=True)
    provider = models.ForeignKey(
        "accounts.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True, db_index=True, help_text="When the next step is due.")
    status = models.CharField(max_length=12, choices=ServiceStatus.choices, default=ServiceStatus.PLANNED)
    outcome = EncryptedTextField(blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category", "id"]

    def __str__(self) -> str:
        return f"{self.category} on case {self.case_id}"


class Task(SealedRowModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = EncryptedTextField(help_text="What must be done.")
    due_on = models.DateField(db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"task {self.pk} on case {self.case_id}"


class NoteLevel(models.TextChoices):
    NORMAL = "normal", "Normal: everyone who can see the notes of this case"
    AGENCY = "agency", "Owning agency only"
    SENSITIVE = "sensitive", "Sensitive: owning agency staff with the health permission"


class Note(SealedRowModel):
    """A case note. Notes are never deleted; a correction is a new note pointing at the one it corrects."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    level = models.CharField(max_length=10, choices=NoteLevel.choices, default=NoteLevel.NORMAL)
    text = EncryptedTextField()
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"note {self.pk} on case {self.case_id}"


class AttachmentKind(models.TextChoices):
    IDENTITY = "identity", "Identity document"
    PHOTO = "photo", "Photo"
    MEDICAL = "medical", "Medical paper"
    LEGAL = "legal", "Legal paper"
    OTHER = "other", "Other"


class Attachment(SealedRowModel):
    """A file kept encrypted at rest under MEDIA_ROOT/attachments with a random name."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    filename = EncryptedTextField(help_text="The original file name, cleaned.")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(help_text="Bytes, after image metadata was removed.")
    stored_name = models.CharField(max_length=64, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"attachment {self.pk} on case {self.case_id}"


class HealthRecord(SealedRowModel):
    """Health and psychosocial section: only users with the health permission see or change it."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="health")
    health_needs = EncryptedTextField(blank=True)
    medical_notes = EncryptedTextField(blank=True)
    psychosocial_notes = EncryptedTextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"health record of case {self.case_id}"
