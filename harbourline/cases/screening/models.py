"""Screening instruments as versioned data (not code), and the screenings that use them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from harbourline.crypto.fields import EncryptedTextField, SealedRowModel


class InstrumentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    RETIRED = "retired", "Retired"


class Instrument(models.Model):
    """One version of a screening instrument (for example the ILO/EC list for adults, labour exploitation)."""

    code = models.CharField(max_length=40, help_text="Profile code, e.g. adult_labour.")
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    age_group = models.CharField(max_length=5, choices=[("adult", "Adult"), ("child", "Child")])
    status = models.CharField(max_length=8, choices=InstrumentStatus.choices, default=InstrumentStatus.DRAFT)
    source = models.CharField(max_length=300, help_text="Where the indicators come from.")
    notes = models.TextField(blank=True, help_text="What is certain and what must still be checked.")
    rules = models.JSONField(
        help_text="Combination rules: when a dimension is met, which groups must be met."
    )
    dimensions = models.JSONField(help_text="The dimensions, their labels and groups.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="one_instrument_version")]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"

    @property
    def provisional(self) -> bool:
        """True until every indicator's strength is confirmed in the source itself (evidence P)."""
        return self.indicators.exclude(evidence=Evidence.PRIMARY).exists()


class Strength(models.TextChoices):
    STRONG = "S", "Strong"
    MEDIUM = "M", "Medium"
    WEAK = "W", "Weak"


class Evidence(models.TextChoices):
    PRIMARY = "P", "Confirmed in the source"
    SECONDARY = "S", "From a secondary compilation"
    UNCERTAIN = "U", "Uncertain: check against the source"


class Indicator(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="indicators")
    dimension = models.CharField(max_length=40)
    code = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    strength = models.CharField(max_length=1, choices=Strength.choices)
    evidence = models.CharField(max_length=1, choices=Evidence.choices, default=Evidence.SECONDARY)
    means_of_control = models.CharField(
        max_length=40, blank=True, help_text="CTDC/HTCDS means-of-control code."
    )
    marks_abduction = models.BooleanField(
        default=False,
        help_text="Present means entry by abduction (CTDC isAbduction): the case's recruitment type, not a "
        "means-of-control code.",
    )
    source = models.CharField(
        max_length=400, blank=True, help_text="Where this indicator and its strength come from, and how sure."
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="one_indicator_code")]

    def __str__(self) -> str:
        return self.label


class Act(models.TextChoices):
    """The act element of trafficking (Palermo Protocol art. 3(a))."""

    RECRUITMENT = "recruitment", "Recruitment"
    TRANSPORT = "transport", "Transport"
    TRANSFER = "transfer", "Transfer"
    HARBOURING = "harbouring", "Harbouring"
    RECEIPT = "receipt", "Receipt"


class Outcome(models.TextChoices):
    """What the rules suggest. Incomplete is never a negative: it means more information is needed."""

    INDICATED = "indicated", "Indicates trafficking"
    NOT_INDICATED = "not_indicated", "Not indicated"
    INCOMPLETE = "incomplete", "Incomplete: more information needed"


class ScreeningStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    COMPLETED = "completed", "Completed"


class Screening(SealedRowModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="screenings")
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        related_name="screenings",
        help_text="The exact instrument version used; results are always re-scored with it.",
    )
    interviewed_on = models.DateField()
    interpreter_language = models.CharField(
        max_length=40, blank=True, help_text="Language, if an interpreter helped."
    )
    conducted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ScreeningStatus.choices, default=ScreeningStatus.DRAFT)
    age_at_exploitation = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Age in years when recruited or exploited; decides the child or adult rule.",
    )
    acts = models.JSONField(
        default=list, blank=True, help_text="The act: recruitment, transport, transfer, harbouring, receipt."
    )
    act_note = EncryptedTextField(blank=True, help_text="How the act happened, in a few words.")
    outcome = models.CharField(
        max_length=14,
        choices=Outcome.choices,
        blank=True,
        help_text="What the rules suggest when completed; the decision is taken separately.",
    )
    suggested_victim = models.BooleanField(
        null=True,
        blank=True,
        help_text="Yes or no as the rules suggest; blank while in progress or when incomplete.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"screening {self.pk} of case {self.case_id}"

    @property
    def act_labels(self) -> list[str]:
        return [Act(a).label for a in self.acts if a in Act.values]


class Answer(models.TextChoices):
    PRESENT = "present", "Present"
    ABSENT = "absent", "Absent"
    UNKNOWN = "unknown", "Unknown"


class IndicatorAnswer(SealedRowModel):
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=8, choices=Answer.choices, default=Answer.UNKNOWN)
    note = EncryptedTextField(blank=True, help_text="What the person said or what was seen.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["screening", "indicator"], name="one_answer_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.answer}"
