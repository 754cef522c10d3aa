"""The Counter-Trafficking Act 2010's protections on a case, recorded so that they can be shown.

- s.22: the information given to the victim (what, when, in which language, by whom);
- s.24(4)-(6): where the person stays: residence in a shelter is voluntary, family, friends and attorneys may
  contact and visit, and no identified victim is housed in a prison or detention facility without recorded
  exigent circumstances;
- non-punishment (no clause in the Act; the TIP report asks): charges against the person for acts committed as
  a consequence of being trafficked, and the decision on them with reasons;
- repatriation, the child-protection referral of a child victim, the review of a negative identification
  decision, and the reintegration follow-up contacts scheduled at closure.

All of it belongs to the case section ("Case facts and exploitation") of ``cases.policy``: the owning agency's
case workers change it; the national coordinator reads it (no identities are held here).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from harbourline.crypto.fields import EncryptedTextField, SealedRowModel

from .case import Case, IdentificationDecision


class InformationTopic(models.TextChoices):
    """What s.22 requires the victim be told."""

    LEGAL_RIGHTS = "legal_rights", "Their legal rights"
    PROCEEDINGS = "proceedings", "Progress of court and administrative proceedings"
    RETURN = "return", "Proceedings for return to their country"
    IMMIGRATION = "immigration", "How to seek legal immigration status (s.25)"
    SERVICES = "services", "Services and assistance available (s.24)"


class VictimInformation(SealedRowModel):
    """One occasion on which the victim was informed under s.22."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_given")
    topics = models.JSONField(default=list, help_text="InformationTopic codes: what the person was told.")
    given_on = models.DateField()
    language = models.CharField(max_length=60, help_text="The language the person was told in.")
    interpreter_used = models.BooleanField(default=False)
    given_by = models.CharField(max_length=200, help_text="Who told the person: name and role.")
    notes = EncryptedTextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"s.22 information on case {self.case_id}"

    @property
    def topic_labels(self) -> list[str]:
        return [str(InformationTopic(t).label) for t in self.topics if t in InformationTopic.values]


class AccommodationType(models.TextChoices):
    SHELTER = "shelter", "Shelter"
    SAFE_HOUSE = "safe_house", "Safe house"
    FAMILY = "family", "With family or friends"
    FOSTER = "foster", "Foster or residential child care"
    INDEPENDENT = "independent", "Own or rented home"
    HOSPITAL = "hospital", "Hospital"
    DETENTION = "detention", "Prison, police cell or immigration detention"


DETENTION_TYPES = frozenset({AccommodationType.DETENTION})


class Accommodation(SealedRowModel):
    """Where the person stays (s.24(4)-(6))."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="accommodations")
    kind = models.CharField(max_length=12, choices=AccommodationType.choices)
    place = models.CharField(max_length=200, blank=True, help_text="Name of the shelter or place.")
    from_date = models.DateField()
    until_date = models.DateField(null=True, blank=True)
    voluntary = models.BooleanField(
        help_text="s.24(4): the person agreed to stay and was told they may leave."
    )
    contact_allowed = models.BooleanField(
        default=True, help_text="s.24(5): family, friends and attorneys may contact and visit."
    )
    contact_limits = EncryptedTextField(blank=True, help_text="Any limit on contact or visits, and why.")
    exigent_circumstances = EncryptedTextField(
        blank=True, help_text="s.24(6): why detention could not be avoided. Required for detention."
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-from_date", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} for case {self.case_id}"


class ChargeStatus(models.TextChoices):
    OPEN = "open", "Open (pending)"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DISMISSED = "dismissed", "Dismissed"
    ACQUITTED = "acquitted", "Acquitted"
    CONVICTED = "convicted", "Convicted"


class PersonCharge(models.Model):
    """A charge against the case's person (not against a trafficker)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="person_charges")
    offence = models.CharField(max_length=200, help_text="The offence charged, e.g. immigration offence.")
    charged_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ChargeStatus.choices, default=ChargeStatus.OPEN)
    consequence_of_trafficking = models.BooleanField(
        help_text="The act was committed as a consequence of being trafficked."
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"charge {self.pk} on case {self.case_id}"

    @property
    def needs_non_punishment(self) -> bool:
        return self.status == ChargeStatus.OPEN and self.consequence_of_trafficking


class NonPunishmentOutcome(models.TextChoices):
    NOT_PUNISHED = "not_punished", "Not to be punished: charge to be withdrawn or not pursued"
    REQUESTED = "requested", "Withdrawal requested from the prosecutor"
    NOT_APPLICABLE = "not_applicable", "Principle does not apply (act not linked to trafficking)"


class NonPunishmentDecision(SealedRowModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="non_punishment_decisions")
    charge = models.ForeignKey(
        PersonCharge, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(max_length=16, choices=NonPunishmentOutcome.choices)
    decided_on = models.DateField()
    decided_by = models.CharField(max_length=200, help_text="Who decided, e.g. the prosecutor's office.")
    reasons = EncryptedTextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"non-punishment decision on case {self.case_id}"


class RepatriationStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    COMPLETED = "completed", "Returned"
    CANCELLED = "cancelled", "Cancelled"


class Repatriation(SealedRowModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="repatriations")
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 of the country of return.")
    status = models.CharField(max_length=10, choices=RepatriationStatus.choices)
    planned_on = models.DateField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True)
    receiving_organisation = models.CharField(max_length=200)
    risk_level = models.CharField(
        max_length=10, choices=[("low", "Low"), ("medium", "Medium"), ("high", "High")]
    )
    risk_assessment = EncryptedTextField(help_text="Risks of return and how they are met.")
    follow_up = EncryptedTextField(blank=True, help_text="Who follows the person up after return, and how.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"repatriation of case {self.case_id} to {self.country}"


class ChildProtectionReferral(models.Model):
    """A child victim's referral to the child-protection authority (Child Care, Protection and Adoption Act
    2018): required before a child case moves past identification."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="child_protection_referrals")
    authority = models.CharField(max_length=200, default="Human Services Department, Ministry of Equity")
    referred_on = models.DateField()
    reference = models.CharField(max_length=60, blank=True, help_text="The authority's file number.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return f"child-protection referral of case {self.case_id}"


class ReviewOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    UPHELD = "upheld", "Negative decision upheld"
    OVERTURNED = "overturned", "Overturned: identified as a victim"


class IdentificationReview(SealedRowModel):
    """An appeal or review of a negative identification decision."""

    decision = models.ForeignKey(IdentificationDecision, on_delete=models.CASCADE, related_name="reviews")
    lodged_on = models.DateField()
    lodged_by = models.CharField(
        max_length=200, help_text="Who asked for the review (the person, an attorney)."
    )
    decided_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=ReviewOutcome.choices, default=ReviewOutcome.PENDING)
    reasons = EncryptedTextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-lodged_on", "-id"]

    def __str__(self) -> str:
        return f"review of decision {self.decision_id}"


REINTEGRATION_MONTHS = (1, 3, 6, 12)


class ReintegrationContact(SealedRowModel):
    """A follow-up contact after closure, scheduled at closure at 1, 3, 6 and 12 months."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reintegration_contacts")
    months_after = models.PositiveSmallIntegerField()
    due_on = models.DateField(db_index=True)
    done_on = models.DateField(null=True, blank=True)
    outcome = EncryptedTextField(blank=True, help_text="How the person is doing; any new need.")
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "months_after", "due_on"], name="reintegration_once")
        ]

    def __str__(self) -> str:
        return f"follow-up {self.months_after}m of case {self.case_id}"
