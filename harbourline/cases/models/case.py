"""A case, its history, the identification decision, consents and shares with partner agencies."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from harbourline.crypto.fields import EncryptedTextField, SealedRowModel

from ..codes import (
    CaseStatus,
    ClosureReason,
    ConsentMethod,
    ConsentPurpose,
    IntakeSource,
    RecruiterRelation,
    RecruitmentType,
    ResidenceStatus,
    ShareBasis,
)
from .person import Person


class CaseSequence(models.Model):
    """The last case number used in a year; locked while a number is taken, so numbers never repeat."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Case(SealedRowModel):
    number = models.CharField(
        max_length=20, unique=True, help_text="Like LC-2026-0007: country, year, sequence."
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    owning_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="cases")
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_cases",
    )
    status = models.CharField(
        max_length=20, choices=CaseStatus.choices, default=CaseStatus.INTAKE, db_index=True
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every change; a stale edit is refused."
    )
    intake_source = models.CharField(max_length=24, choices=IntakeSource.choices)
    intake_date = models.DateField(db_index=True)
    summary = EncryptedTextField(
        blank=True, help_text="What is known, in the words of the person who registered it."
    )
    district = models.CharField(
        max_length=6, blank=True, db_index=True, help_text="ISO 3166-2 district of intake."
    )
    child_involved = models.BooleanField(
        null=True, blank=True, help_text="A person under 18 is involved; blank when unknown."
    )
    tip_reference = models.CharField(
        max_length=40, blank=True, help_text="Receipt code of the tip it came from."
    )
    # Forms of exploitation (CTDC is* flags) and their detail (CTDC/HTCDS codes).
    is_sexual_exploitation = models.BooleanField(default=False)
    is_forced_labour = models.BooleanField(default=False)
    is_forced_criminality = models.BooleanField(default=False)
    is_forced_marriage = models.BooleanField(default=False)
    is_organ_removal = models.BooleanField(default=False)
    is_other_exploitation = models.BooleanField(default=False)
    labour_industries = models.JSONField(default=list, blank=True, help_text="CTDC typeOfLabour codes.")
    sex_exploitation_types = models.JSONField(default=list, blank=True, help_text="CTDC typeOfSex codes.")
    means_of_control = models.JSONField(default=list, blank=True, help_text="CTDC meansOfControl codes.")
    recruitment_type = models.CharField(max_length=20, choices=RecruitmentType.choices, blank=True)
    recruiter_relation = models.CharField(max_length=20, choices=RecruiterRelation.choices, blank=True)
    country_of_recruitment = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2.")
    district_of_recruitment = models.CharField(
        max_length=6, blank=True, help_text="ISO 3166-2, if in Saint Lucia."
    )
    country_of_exploitation = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 (last)."
    )
    district_of_exploitation = models.CharField(
        max_length=6, blank=True, help_text="ISO 3166-2, if in Saint Lucia."
    )
    exploitation_start = models.DateField(null=True, blank=True)
    exploitation_end = models.DateField(null=True, blank=True)
    identified_on = models.DateField(null=True, blank=True, db_index=True)
    # Protection status: dated, with the legal basis (not fixed by law in Saint Lucia: configurable).
    reflection_start = models.DateField(
        null=True, blank=True, help_text="Reflection and recovery period from."
    )
    reflection_end = models.DateField(null=True, blank=True)
    reflection_basis = models.CharField(max_length=200, blank=True, help_text="Legal basis of the period.")
    residence_status = models.CharField(
        max_length=12, choices=ResidenceStatus.choices, default=ResidenceStatus.UNKNOWN
    )
    residence_from = models.DateField(null=True, blank=True)
    residence_until = models.DateField(null=True, blank=True)
    residence_basis = models.CharField(max_length=200, blank=True)
    work_authorised = models.BooleanField(
        null=True, blank=True, help_text="Work authorisation granted (CTA s.24(2))."
    )
    work_from = models.DateField(null=True, blank=True)
    work_until = models.DateField(null=True, blank=True)
    work_basis = models.CharField(max_length=200, blank=True)
    closure_reason = models.CharField(max_length=20, choices=ClosureReason.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    purged_at = models.DateTimeField(
        null=True, blank=True, help_text="When personal data was purged (retention)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["owning_agency", "-id"]),
            models.Index(fields=["status", "-id"]),
        ]

    def __str__(self) -> str:
        return self.number

    FORM_FLAGS = {
        "SexualExploitation": "is_sexual_exploitation",
        "ForcedLabour": "is_forced_labour",
        "ForcedCriminality": "is_forced_criminality",
        "ForcedMarriage": "is_forced_marriage",
        "OrganRemoval": "is_organ_removal",
        "Other": "is_other_exploitation",
    }

    @property
    def forms_of_exploitation(self) -> list[str]:
        return [code for code, flag in self.FORM_FLAGS.items() if getattr(self, flag)]

    @property
    def forms_of_exploitation_labels(self) -> list[str]:
        from ..codes import ExploitationForm

        return [str(ExploitationForm(code).label) for code in self.forms_of_exploitation]


class CaseEvent(SealedRowModel):
    """The case's history, shown as a timeline: transitions, decisions, shares, edits."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=30)
    section = models.CharField(
        max_length=20,
        default="case",
        help_text="The case section the event belongs to; shown only to those who may read that section.",
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    reason = EncryptedTextField(blank=True, help_text="Why, in the words of the person who did it.")

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class IdentificationDecision(SealedRowModel):
    """The formal decision that a person is (or is not) a victim of trafficking. A person decides; the
    screening tool only suggests."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    identified = models.BooleanField(help_text="True: identified as a victim of trafficking.")
    deciding_body = models.CharField(
        max_length=200, help_text="The authority that decided, e.g. the task force."
    )
    decided_on = models.DateField()
    basis = EncryptedTextField(help_text="The grounds of the decision.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"decision {self.pk} on case {self.case_id}"


class Consent(SealedRowModel):
    """Consent for one purpose, with how it was given and its withdrawal."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=20, choices=ConsentPurpose.choices)
    agency = models.ForeignKey(
        "accounts.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For sharing: the agency the person agreed to share with.",
    )
    given_on = models.DateField()
    method = models.CharField(max_length=12, choices=ConsentMethod.choices)
    interpreter_language = models.CharField(max_length=40, blank=True)
    guardian_name = EncryptedTextField(blank=True, help_text="For a child: who consented on their behalf.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_reason = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["purpose", "-given_on"]

    def __str__(self) -> str:
        return f"consent {self.purpose} on case {self.case_id}"

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None


class CaseShare(SealedRowModel):
    """Sections of a case opened to a partner agency (by referral or transfer). Revoked shares stay as history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="case_shares")
    sections = models.JSONField(default=list, help_text="Section codes the agency may see.")
    basis = models.CharField(
        max_length=20,
        choices=ShareBasis.choices,
        default=ShareBasis.CONSENT,
        help_text="What the share rests on; a share resting on consent ends when the consent is withdrawn.",
    )
    reason = EncryptedTextField(blank=True)
    consent_override_reason = EncryptedTextField(
        blank=True, help_text="Why a supervisor shared without consent."
    )
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["agency", "revoked_at"])]

    def __str__(self) -> str:
        return f"share of case {self.case_id} with agency {self.agency_id}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
