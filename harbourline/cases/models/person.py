"""The person a case is about (a presumed or identified victim), and the dependants with them.

Identifying fields are encrypted; search goes through blind indexes. The clear fields are the
non-identifying ones that statistics need.
"""

from __future__ import annotations

from django.db import models

from harbourline.crypto.fields import BlindIndexField, EncryptedDateField, EncryptedTextField, SealedRowModel

from ..codes import AgeBand, Gender


class DocumentType(models.TextChoices):
    PASSPORT = "passport", "Passport"
    NATIONAL_ID = "national_id", "National identity card"
    RESIDENCE_PERMIT = "residence_permit", "Residence or work permit"
    BIRTH_CERTIFICATE = "birth_certificate", "Birth certificate"
    OTHER = "other", "Other document"
    NONE = "none", "No document"


def initials_of(*names: str | None) -> str:
    """ "MJ" for Marie Joseph: what lists show instead of a name."""
    return "".join(n.strip()[0].upper() for n in names if n and n.strip()) or "?"


class Person(SealedRowModel):
    given_names = EncryptedTextField(blank=True, help_text="First and middle names (HTCDS prs_FirstName).")
    family_name = EncryptedTextField(blank=True, help_text="Family name (HTCDS prs_SecondName).")
    aliases = EncryptedTextField(blank=True, help_text="Other names the person uses or used, one per line.")
    date_of_birth = EncryptedDateField(null=True, blank=True, help_text="HTCDS prs_Birthdate.")
    dob_index = BlindIndexField(source="date_of_birth", kind="dob", normaliser="date")
    document_type = models.CharField(max_length=20, choices=DocumentType.choices, blank=True)
    document_number = EncryptedTextField(blank=True, help_text="Number of the identity document.")
    document_index = BlindIndexField(source="document_number", kind="document", normaliser="document")
    phone = EncryptedTextField(blank=True)
    email = EncryptedTextField(blank=True)
    address = EncryptedTextField(blank=True, help_text="Where the person can be reached now.")
    gender = models.CharField(max_length=24, choices=Gender.choices, default=Gender.UNKNOWN)
    age_band = models.CharField(
        max_length=8,
        choices=AgeBand.choices,
        default=AgeBand.UNKNOWN,
        help_text="CTDC age band at identification (at intake until then).",
    )
    is_minor = models.BooleanField(
        null=True, blank=True, help_text="Under 18 at identification; blank when unknown."
    )
    nationality = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2.")
    citizenship = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2, when it differs.")
    languages = models.CharField(max_length=100, blank=True, help_text="Languages spoken, comma-separated.")
    district = models.CharField(
        max_length=6, blank=True, help_text="ISO 3166-2 district where the person lives now."
    )
    purged_at = models.DateTimeField(
        null=True, blank=True, help_text="When the retention purge removed personal data."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Person {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_name) if part) or "Name not known"

    @property
    def initials(self) -> str:
        return initials_of(self.given_names, self.family_name)


class PersonNameIndex(models.Model):
    """Blind-index terms of a person's names and aliases: each token exactly, and its sound-alike key."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_index")
    kind = models.CharField(max_length=16)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["kind", "digest"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.digest[:8]}"


class Dependant(SealedRowModel):
    """A child or other dependant accompanying the victim."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="dependants")
    name = EncryptedTextField(blank=True)
    relationship = models.CharField(max_length=40, help_text="For example: daughter, son, sibling.")
    age_band = models.CharField(max_length=8, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    accompanying = models.BooleanField(default=True, help_text="With the victim in Saint Lucia.")

    def __str__(self) -> str:
        return f"Dependant {self.pk}"
