"""The national referral mechanism: the service directory, referrals (each a share of case sections),
transfers of ownership, and notifications.

A referral's HTCDS "Referral Details" fields: ``cas_referral_date`` (sent_at), ``cas_referred_by``
(from_agency), ``cas_referred_to`` (to_agency), ``cas_referral_service`` (categories), ``cas_referral_status``
(status), ``cas_referral_response_date`` (answered_at), ``cas_referral_outcome`` (outcome),
``cas_referral_consent`` (consent or override), ``cas_referral_urgency`` (urgency), ``cas_referral_reason``
(message)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from harbourline.cases.models.care import ServiceCategory
from harbourline.crypto.fields import EncryptedTextField, SealedRowModel


class ServiceEntry(models.Model):
    """One service an agency offers, in the s.24 categories. Public entries appear on the public site."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.CASCADE, related_name="directory_entries")
    category = models.CharField(max_length=24, choices=ServiceCategory.choices, db_index=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What the service offers, in plain words.")
    districts = models.JSONField(default=list, blank=True, help_text="District codes served; empty: all.")
    languages = models.JSONField(default=list, blank=True, help_text="Languages spoken, like en, fr, es.")
    hours = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    capacity_total = models.PositiveIntegerField(null=True, blank=True, help_text="Shelter beds, or places.")
    capacity_free = models.PositiveIntegerField(null=True, blank=True, help_text="Beds or places free now.")
    is_public = models.BooleanField(default=False, help_text="Shown on the public 'where to get help' page.")
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "name"]
        verbose_name_plural = "service entries"

    def __str__(self) -> str:
        return f"{self.name} ({self.agency_id})"


class Urgency(models.TextChoices):
    URGENT = "urgent", "Urgent: answer within 24 hours"
    ROUTINE = "routine", "Routine: answer within 5 working days"


class ReferralStatus(models.TextChoices):
    SENT = "sent", "Sent, awaiting an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXPIRED = "expired", "Expired without an answer"


ACTIVE_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)


class Referral(SealedRowModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    from_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    services = models.ManyToManyField(ServiceEntry, related_name="referrals")
    categories = models.JSONField(default=list, help_text="Service categories asked for.")
    sections = models.JSONField(default=list, help_text="Case sections that travel with the referral.")
    share = models.OneToOneField(
        "cases.CaseShare", null=True, blank=True, on_delete=models.PROTECT, related_name="referral"
    )
    plan_item = models.ForeignKey(
        "cases.PlanItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    urgency = models.CharField(max_length=8, choices=Urgency.choices, default=Urgency.ROUTINE)
    message = EncryptedTextField(blank=True)
    consent_override_reason = EncryptedTextField(blank=True)
    status = models.CharField(
        max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT, db_index=True
    )
    due_at = models.DateTimeField(db_index=True, help_text="When the receiving agency must answer by.")
    overdue_flagged_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decline_reason = models.TextField(blank=True)
    outcome = EncryptedTextField(blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [
            models.Index(
                fields=["to_agency", "due_at"],
                condition=models.Q(status__in=["sent", "accepted", "in_progress"]),
                name="referral_inbox_active",
            ),
            models.Index(fields=["from_agency", "-sent_at"], name="referral_sent_recent"),
            models.Index(fields=["to_agency", "status", "due_at"]),
            models.Index(fields=["from_agency", "status"]),
            models.Index(fields=["status", "due_at"]),
        ]

    def __str__(self) -> str:
        return f"referral {self.pk} of case {self.case_id}"

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def overdue(self) -> bool:
        return self.status == ReferralStatus.SENT and self.due_at < timezone.now()


class ServiceGiven(SealedRowModel):
    """A service the receiving agency gave on a referral."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="services_given")
    category = models.CharField(max_length=24, choices=ServiceCategory.choices)
    given_on = models.DateField()
    description = EncryptedTextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["given_on", "pk"]

    def __str__(self) -> str:
        return f"{self.category} on referral {self.referral_id}"


class ReferralMessage(SealedRowModel):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"message on referral {self.referral_id}"


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", "Awaiting the receiving agency"
    ACCEPTED = "accepted", "Accepted: the receiving agency owns the case"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


class Transfer(SealedRowModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="transfers")
    from_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    share = models.OneToOneField(
        "cases.CaseShare", null=True, blank=True, on_delete=models.PROTECT, related_name="transfer"
    )
    reason = EncryptedTextField()
    status = models.CharField(
        max_length=10, choices=TransferStatus.choices, default=TransferStatus.REQUESTED, db_index=True
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"transfer {self.pk} of case {self.case_id}"


class Notification(models.Model):
    """An in-app notice. Never personal data: a case number, a kind and a link only."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    case_number = models.CharField(max_length=20, blank=True)
    url = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email = models.BooleanField(default=True, help_text="Also send each notice by email.")

    def __str__(self) -> str:
        return f"notification settings of {self.user_id}"
