from __future__ import annotations

from django.conf import settings
from django.db import models

from .curriculum import Sector
from .workshops import Session, Workshop


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    UNSTATED = "unstated", "Not stated"


class Participant(models.Model):
    """One person, reused across the workshops they attend. Not victim data; contacts are plain text."""

    first_name = models.CharField(
        help_text="Given name, as it should appear on a certificate.",
        max_length=100,
        verbose_name="first name",
    )
    last_name = models.CharField(
        help_text="Family name, as it should appear on a certificate.",
        max_length=100,
        verbose_name="last name",
    )
    sex = models.CharField(
        help_text="For the programme figures (by sex).",
        max_length=10,
        choices=Sex.choices,
        default=Sex.UNSTATED,
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Agency the person works for, when it is in Harbourline.",
    )
    organisation = models.CharField(max_length=200, blank=True, help_text="Organisation, when not an agency.")
    sector = models.CharField(
        help_text="Sector the person works in, for the figures and the TIP report.",
        max_length=20,
        choices=Sector.choices,
        default=Sector.OTHER,
    )
    job_role = models.CharField(max_length=120, blank=True, verbose_name="role or rank")
    district = models.CharField(max_length=6, blank=True, help_text="District of work (ISO 3166-2 code).")
    email = models.EmailField(help_text="Work e-mail, for the follow-up survey.", blank=True)
    phone = models.CharField(help_text="Work phone.", max_length=40, blank=True)
    duplicate_key = models.CharField(
        max_length=200, db_index=True, help_text="Normalised name and contact, to spot the same person twice."
    )
    created_at = models.DateTimeField(help_text="When the person was first registered.", auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def organisation_name(self) -> str:
        return self.agency.name if self.agency_id and self.agency else self.organisation


class RegistrationStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    REGISTERED = "registered", "Registered"
    WAITLISTED = "waitlisted", "Waiting list"
    ATTENDED = "attended", "Attended"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


PLACE_HOLDING = (
    RegistrationStatus.INVITED,
    RegistrationStatus.REGISTERED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.COMPLETED,
)


class Registration(models.Model):
    workshop = models.ForeignKey(
        Workshop, help_text="The workshop.", on_delete=models.CASCADE, related_name="registrations"
    )
    participant = models.ForeignKey(
        Participant,
        help_text="The person registered.",
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    number = models.PositiveSmallIntegerField(help_text="Participant number on the sign-in sheet.")
    pin = models.CharField(
        max_length=6, help_text="Personal PIN for the phone test, printed on the sign-in sheet."
    )
    pin_failures = models.PositiveSmallIntegerField(
        default=0,
        help_text="Wrong PINs in a row, for the trainer to see; they never lock the participant out.",
    )
    status = models.CharField(
        help_text="Invited, registered, waiting list, attended, completed or withdrawn.",
        max_length=20,
        choices=RegistrationStatus.choices,
    )
    nominated_by = models.ForeignKey(
        "accounts.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Agency that nominated the person, if any.",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who registered the person.",
    )
    registered_at = models.DateTimeField(help_text="When the person was registered.", auto_now_add=True)

    class Meta:
        ordering = ["workshop", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "participant"], name="one_registration_per_person"),
            models.UniqueConstraint(fields=["workshop", "number"], name="one_number_per_workshop"),
        ]

    def __str__(self) -> str:
        return f"{self.workshop_id}#{self.number}"

    @property
    def holds_place(self) -> bool:
        return self.status in PLACE_HOLDING


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    EXCUSED = "excused", "Excused"
    ABSENT = "absent", "Absent"


ATTENDED_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class Attendance(models.Model):
    session = models.ForeignKey(
        Session, help_text="The session.", on_delete=models.CASCADE, related_name="attendance"
    )
    registration = models.ForeignKey(
        Registration,
        help_text="The participant (registration) marked.",
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    status = models.CharField(
        help_text="Present, late, excused or absent.", max_length=10, choices=AttendanceStatus.choices
    )
    recorded_at = models.DateTimeField(help_text="When the mark was last saved.", auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="one_attendance_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.registration_id}:{self.status}"
