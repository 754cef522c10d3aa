from __future__ import annotations

from django.conf import settings
from django.db import models

from .curriculum import Question
from .people import Registration
from .workshops import Workshop


class TestKind(models.TextChoices):
    __test__ = False  # not a pytest test class

    PRE = "pre", "Pre-test"
    POST = "post", "Post-test"


class TestItem(models.Model):
    """One question of a workshop's pre-test or post-test, in order."""

    __test__ = False  # not a pytest test class

    workshop = models.ForeignKey(
        Workshop, help_text="The workshop.", on_delete=models.CASCADE, related_name="test_items"
    )
    kind = models.CharField(help_text="Pre-test or post-test.", max_length=4, choices=TestKind.choices)
    question = models.ForeignKey(
        Question, help_text="Question from the bank.", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(help_text="Order in the test, from 1.")

    class Meta:
        ordering = ["workshop", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "kind", "question"], name="one_test_item_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.workshop_id}:{self.kind}:{self.position}"


class TestAttempt(models.Model):
    __test__ = False  # not a pytest test class

    class EnteredBy(models.TextChoices):
        PARTICIPANT = "participant", "Participant, on a phone"
        TRAINER = "trainer", "Trainer, from paper"

    registration = models.ForeignKey(
        Registration,
        help_text="The participant who took the test.",
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    kind = models.CharField(help_text="Pre-test or post-test.", max_length=4, choices=TestKind.choices)
    answers = models.JSONField(help_text="Question id -> chosen option position (or null when blank).")
    score = models.PositiveSmallIntegerField(help_text="Number of right answers.")
    max_score = models.PositiveSmallIntegerField(help_text="Number of questions.")
    entered_by = models.CharField(
        help_text="Typed by the participant on a phone or by the trainer from paper.",
        max_length=12,
        choices=EnteredBy.choices,
    )
    submitted_at = models.DateTimeField(help_text="When the answers were last saved.", auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "kind"], name="one_attempt_per_test")]

    def __str__(self) -> str:
        return f"{self.registration_id}:{self.kind}:{self.score}/{self.max_score}"

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0


class Evaluation(models.Model):
    """End-of-workshop reaction form. Anonymous unless the participant chose to give their number."""

    workshop = models.ForeignKey(
        Workshop, help_text="Workshop evaluated.", on_delete=models.CASCADE, related_name="evaluations"
    )
    registration = models.ForeignKey(
        Registration,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the participant stayed anonymous.",
    )
    content = models.PositiveSmallIntegerField(help_text="Content, 1 (poor) to 5 (excellent).")
    trainers = models.PositiveSmallIntegerField(help_text="Trainers, 1 to 5.")
    relevance = models.PositiveSmallIntegerField(help_text="Relevance to the job, 1 to 5.")
    organisation = models.PositiveSmallIntegerField(help_text="Organisation, 1 to 5.")
    comments = models.TextField(blank=True, help_text="Free comments.")
    submitted_at = models.DateTimeField(help_text="When the form was sent.", auto_now_add=True)

    def __str__(self) -> str:
        return f"evaluation {self.pk} of workshop {self.workshop_id}"


class FollowUp(models.Model):
    """Follow-up survey some months after the workshop, answered through a private link."""

    class Answer(models.TextChoices):
        OFTEN = "often", "Often"
        SOMETIMES = "sometimes", "Sometimes"
        NEVER = "never", "Never"

    registration = models.OneToOneField(
        Registration,
        help_text="Participant the survey link was made for.",
        on_delete=models.CASCADE,
        related_name="follow_up",
    )
    token = models.CharField(max_length=40, unique=True, help_text="Secret part of the survey link.")
    created_at = models.DateTimeField(help_text="When the link was made.", auto_now_add=True)
    answered_at = models.DateTimeField(
        help_text="When the participant answered; empty until then.", null=True, blank=True
    )
    uses_learning = models.CharField(
        max_length=10, choices=Answer.choices, blank=True, help_text="Uses what they learned at work."
    )
    identified_case = models.BooleanField(null=True, help_text="Has identified a possible victim since.")
    referred_case = models.BooleanField(null=True, help_text="Has referred a possible victim since.")
    comments = models.TextField(help_text="Free comments from the participant.", blank=True)

    def __str__(self) -> str:
        return f"follow-up {self.pk}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", "Valid"
    SUPERSEDED = "superseded", "Superseded by a reissued certificate"
    REVOKED = "revoked", "Revoked"


class Certificate(models.Model):
    """A certificate as printed: its text is kept, so verification shows exactly what is on it."""

    registration = models.ForeignKey(
        Registration,
        help_text="Participant and workshop the certificate is for.",
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    code = models.CharField(max_length=16, unique=True, help_text="Verification code printed on it.")
    status = models.CharField(
        help_text="Valid, superseded by a reissued certificate, or revoked.",
        max_length=12,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    participant_name = models.CharField(max_length=200, help_text="Name as printed.")
    workshop_title = models.CharField(max_length=200, help_text="Workshop title as printed.")
    dates_text = models.CharField(max_length=100, help_text="Dates as printed.")
    modules_text = models.TextField(help_text="Modules as printed, one per line.")
    venue_text = models.CharField(max_length=200, help_text="Venue and district as printed.")
    issued_at = models.DateTimeField(help_text="When it was issued.", auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who issued it.",
    )
    replaced_by = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text="The reissued certificate that replaced this one.",
    )
    revoked_reason = models.CharField(max_length=300, blank=True, help_text="Why it was revoked.")
    revoked_at = models.DateTimeField(help_text="When it was revoked.", null=True, blank=True)
    reissue_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why this certificate was issued again in place of an earlier one.",
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return self.code

    def module_list(self) -> list[str]:
        return [m for m in self.modules_text.splitlines() if m]


class TrainerStatus(models.TextChoices):
    TRAINEE = "trainee", "Trainee"
    CO_FACILITATOR = "co_facilitator", "Co-facilitator"
    CERTIFIED = "certified", "Certified trainer"


class TrainerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trainer_profile",
        help_text="The trainer (a Harbourline user).",
    )
    status = models.CharField(
        help_text="Trainee, co-facilitator or certified trainer.",
        max_length=20,
        choices=TrainerStatus.choices,
        default=TrainerStatus.TRAINEE,
    )
    specialities = models.CharField(max_length=300, blank=True, help_text="Modules the trainer teaches best.")
    updated_at = models.DateTimeField(help_text="When the profile last changed.", auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}:{self.status}"
