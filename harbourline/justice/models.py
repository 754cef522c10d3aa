"""Investigations, suspects, prosecutions, charges with their outcome and sentence, and victims as witnesses.

Suspects' identifying fields are encrypted like a victim's (``cases.Person``); duplicates are found through
blind indexes. Everything statistics need (sex, age band, nationality, roles, outcomes, sentences) is clear.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from harbourline.cases.codes import AgeBand, Gender
from harbourline.cases.models.person import initials_of
from harbourline.crypto.fields import BlindIndexField, EncryptedDateField, EncryptedTextField, SealedRowModel

from .codes import (
    ChargeOutcome,
    Court,
    InvestigationClosure,
    InvestigationStatus,
    Offence,
    ProsecutionStatus,
    RelationshipToVictim,
    RoleInProcess,
    SupportMeasure,
)


class Investigation(models.Model):
    """A police investigation, opened from a case; it may cover several cases (victims)."""

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="investigations",
        help_text="Investigating agency.",
    )
    reference = models.CharField(max_length=40, blank=True, help_text="The police file number, if any.")
    opened_on = models.DateField()
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="investigations", blank=True)
    offences = models.JSONField(default=list, help_text="Offences investigated (justice Offence codes).")
    cases = models.ManyToManyField("cases.Case", related_name="investigations", help_text="Victims' cases.")
    status = models.CharField(
        max_length=12, choices=InvestigationStatus.choices, default=InvestigationStatus.OPEN
    )
    referred_to = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="investigations_received",
        help_text="The prosecuting office the file was sent to.",
    )
    referred_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=24, choices=InvestigationClosure.choices, blank=True)
    closure_details = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"INV-{self.opened_on:%Y}-{self.pk:04d}"

    def offence_labels(self) -> list[str]:
        return [Offence(o).label for o in self.offences if o in Offence.values]


class Suspect(SealedRowModel):
    """A suspect or perpetrator in one investigation (HTCDS Person, perpetrator context)."""

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="suspects")
    given_names = EncryptedTextField(blank=True)
    family_name = EncryptedTextField(blank=True)
    aliases = EncryptedTextField(blank=True, help_text="Other names, one per line.")
    date_of_birth = EncryptedDateField(null=True, blank=True)
    dob_index = BlindIndexField(source="date_of_birth", kind="dob", normaliser="date")
    document_number = EncryptedTextField(blank=True, help_text="Passport or identity card number.")
    document_index = BlindIndexField(source="document_number", kind="document", normaliser="document")
    sex = models.CharField(
        max_length=24, choices=Gender.choices, default=Gender.UNKNOWN, help_text="HTCDS prs_Gender."
    )
    age_band = models.CharField(max_length=8, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    nationality = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 (citizenship).")
    roles = models.JSONField(default=list, help_text="HTCDS per_RoleInProcess (several).")
    role_details = EncryptedTextField(blank=True, help_text="HTCDS per_RoleDetails.")
    relationship_to_victim = models.CharField(
        max_length=12,
        choices=RelationshipToVictim.choices,
        blank=True,
        help_text="HTCDS vic_RelationshipToTrafficker.",
    )
    arrested_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Suspect {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.family_name) if p) or "Name not known"

    @property
    def initials(self) -> str:
        return initials_of(self.given_names, self.family_name)

    def role_labels(self) -> list[str]:
        return [RoleInProcess(r).label for r in self.roles if r in RoleInProcess.values]


class SuspectNameIndex(models.Model):
    """Blind-index terms of a suspect's names and aliases (as ``cases.PersonNameIndex``)."""

    suspect = models.ForeignKey(Suspect, on_delete=models.CASCADE, related_name="name_index")
    kind = models.CharField(max_length=16)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["kind", "digest"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.digest[:8]}"


class Prosecution(models.Model):
    """Proceedings in one court arising from an investigation."""

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="prosecutions")
    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="prosecutions",
        help_text="Prosecuting office.",
    )
    prosecutor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="prosecutions"
    )
    court = models.CharField(max_length=20, choices=Court.choices)
    court_reference = models.CharField(max_length=40, blank=True)
    filed_on = models.DateField()
    first_hearing_on = models.DateField(null=True, blank=True)
    concluded_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ProsecutionStatus.choices, default=ProsecutionStatus.FILED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return f"Prosecution {self.pk}"


class Charge(models.Model):
    """One charge against one defendant, with its outcome, sentence and restitution."""

    prosecution = models.ForeignKey(Prosecution, on_delete=models.PROTECT, related_name="charges")
    defendant = models.ForeignKey(Suspect, on_delete=models.PROTECT, related_name="charges")
    offence = models.CharField(max_length=24, choices=Offence.choices)
    law = models.CharField(max_length=120, blank=True, help_text="The other law, when not the Act.")
    section = models.CharField(max_length=40, help_text="Section charged, as on the indictment or complaint.")
    filed_on = models.DateField()
    outcome = models.CharField(max_length=12, choices=ChargeOutcome.choices, default=ChargeOutcome.PENDING)
    outcome_on = models.DateField(null=True, blank=True)
    custody_months = models.PositiveIntegerField(null=True, blank=True)
    fine = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, help_text="XCD.")
    suspended = models.BooleanField(default=False, help_text="The custodial sentence is suspended.")
    restitution_ordered = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    restitution_paid = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    compensation_ordered = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    compensation_paid = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Charge {self.pk}"


class WitnessSupport(models.Model):
    """A victim (a linked case) as a witness in a prosecution."""

    prosecution = models.ForeignKey(Prosecution, on_delete=models.PROTECT, related_name="witnesses")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    requested = models.JSONField(default=list, help_text="Support measures requested (SupportMeasure codes).")
    granted = models.JSONField(default=list, help_text="Support measures the court granted.")
    informed = models.BooleanField(default=False, help_text="The victim was told of the proceedings.")
    informed_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prosecution", "case"], name="one_witness_row_per_case")
        ]

    def __str__(self) -> str:
        return f"Witness {self.pk}"

    def requested_labels(self) -> list[str]:
        return [SupportMeasure(m).label for m in self.requested if m in SupportMeasure.values]

    def granted_labels(self) -> list[str]:
        return [SupportMeasure(m).label for m in self.granted if m in SupportMeasure.values]
