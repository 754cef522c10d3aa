from __future__ import annotations

from django.conf import settings
from django.db import models

from .curriculum import Module


class WorkshopType(models.TextChoices):
    WORKSHOP = "workshop", "Workshop"
    TOT = "tot", "Training of trainers"
    REFRESHER = "refresher", "Refresher"


class CurriculumRule(models.Model):
    """When a participant counts as trained, for one curriculum (a kind of workshop): the share of sessions
    attended and the post-test pass mark. Certificates go to the trained; every figure counts only them.

    A workshop keeps the rule it was run under: a change applies to workshops not yet held."""

    workshop_type = models.CharField(
        max_length=20, choices=WorkshopType.choices, unique=True, help_text="The curriculum the rule is for."
    )
    attendance_share = models.PositiveSmallIntegerField(
        default=80, help_text="Share of the sessions (percent, 1 to 100) a participant must attend."
    )
    pass_mark = models.PositiveSmallIntegerField(
        default=70, help_text="Post-test score (percent) needed; 0 when no post-test is needed."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last changed the rule.",
    )
    updated_at = models.DateTimeField(help_text="When the rule last changed.", auto_now=True)

    class Meta:
        ordering = ["workshop_type"]

    def __str__(self) -> str:
        return f"{self.workshop_type}: {self.attendance_share}% of sessions, pass mark {self.pass_mark}%"


class WorkshopStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    OPEN = "open", "Open for registration"
    FULL = "full", "Full"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class OpenForm(models.TextChoices):
    NONE = "", "Nothing open"
    PRE = "pre", "Pre-test"
    POST = "post", "Post-test"
    EVALUATION = "evaluation", "Evaluation form"


class Workshop(models.Model):
    title = models.CharField(
        help_text="Name of the workshop, as printed on certificates.", max_length=200, verbose_name="title"
    )
    workshop_type = models.CharField(
        max_length=20, choices=WorkshopType.choices, default=WorkshopType.WORKSHOP, verbose_name="type"
    )
    modules = models.ManyToManyField(Module, related_name="workshops", help_text="Modules covered.")
    language = models.CharField(max_length=10, default="en", help_text="Language the workshop is given in.")
    venue = models.CharField(max_length=200, help_text="Where it takes place.")
    district = models.CharField(max_length=6, help_text="District of the venue (ISO 3166-2 code).")
    start_date = models.DateField(verbose_name="first day")
    end_date = models.DateField(verbose_name="last day")
    capacity = models.PositiveIntegerField(
        default=25, help_text="Places; further people go on a waiting list."
    )
    status = models.CharField(
        help_text="Where the workshop stands: planned, open, full, held or cancelled.",
        max_length=20,
        choices=WorkshopStatus.choices,
        default=WorkshopStatus.PLANNED,
    )
    target_sectors = models.JSONField(default=list, blank=True, help_text="Sectors the workshop is for.")
    attendance_threshold = models.PositiveSmallIntegerField(
        default=80,
        help_text="Share of sessions (percent) a participant must attend to count as trained, from the "
        "curriculum's rule.",
    )
    pass_mark = models.PositiveSmallIntegerField(
        default=70,
        help_text="Post-test score (percent) needed to count as trained (0: no post-test needed), from the "
        "curriculum's rule.",
    )
    access_code = models.CharField(
        max_length=8, unique=True, help_text="Short code participants type to reach the test and evaluation."
    )
    open_form = models.CharField(
        max_length=20,
        choices=OpenForm.choices,
        default=OpenForm.NONE,
        blank=True,
        help_text="What participants can fill in on their phones right now.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who planned the workshop.",
    )
    created_at = models.DateTimeField(help_text="When the workshop was planned.", auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return self.title

    def dates_text(self) -> str:
        if self.start_date == self.end_date:
            return self.start_date.strftime("%d %B %Y").lstrip("0")
        return f"{self.start_date.strftime('%d %B %Y').lstrip('0')} to {self.end_date.strftime('%d %B %Y').lstrip('0')}"


class WorkshopTrainer(models.Model):
    class TrainerRole(models.TextChoices):
        LEAD = "lead", "Lead trainer"
        CO = "co", "Co-facilitator"

    workshop = models.ForeignKey(
        Workshop, help_text="The workshop.", on_delete=models.CASCADE, related_name="trainer_links"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, help_text="The trainer.", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        help_text="Lead trainer or co-facilitator.",
        max_length=10,
        choices=TrainerRole.choices,
        default=TrainerRole.LEAD,
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workshop", "user"], name="one_trainer_link")]

    def __str__(self) -> str:
        return f"{self.workshop_id}:{self.user_id}:{self.role}"


class Session(models.Model):
    workshop = models.ForeignKey(
        Workshop,
        help_text="Workshop the session belongs to.",
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    date = models.DateField(help_text="Day of the session.", verbose_name="date")
    starts_at = models.TimeField(help_text="Start time.", verbose_name="starts at")
    ends_at = models.TimeField(help_text="End time.", verbose_name="ends at")
    title = models.CharField(max_length=200, blank=True, help_text="For example 'Day 1 morning'.")

    class Meta:
        ordering = ["date", "starts_at", "pk"]

    def __str__(self) -> str:
        return self.title or f"{self.date:%d %b} {self.starts_at:%H:%M}"
