"""The national awareness campaign: the plan (campaigns and their phases) and what was done (activities).

Money is East Caribbean dollars (XCD) held as Decimal. Districts are ISO 3166-2 codes of the country profile.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


class Audience(models.TextChoices):
    GENERAL_PUBLIC = "general_public", "General public"
    YOUTH = "youth", "Young people and students"
    PARENTS = "parents", "Parents and teachers"
    MIGRANTS = "migrants", "Migrants"
    EMPLOYERS_TOURISM = "employers_tourism", "Employers in tourism"
    EMPLOYERS_AGRICULTURE = "employers_agriculture", "Employers in agriculture"
    WORKERS = "workers", "Workers in tourism and agriculture"
    OFFICIALS = "officials", "Officials and front-line staff"
    COMMUNITY_LEADERS = "community_leaders", "Community and faith leaders"


class CampaignLanguage(models.TextChoices):
    ENGLISH = "en", "English"
    KWEYOL = "acf", "Kwéyòl"
    SPANISH = "es", "Español"


class Channel(models.TextChoices):
    TV_SPOT = "tv_spot", "TV spot"
    RADIO_SPOT = "radio_spot", "Radio spot"
    PRINT_RUN = "print_run", "Print run"
    BILLBOARD = "billboard", "Billboard"
    SOCIAL_MEDIA = "social_media", "Social media post"
    SCHOOL_TALK = "school_talk", "School talk"
    COMMUNITY_TALK = "community_talk", "Community talk"
    EVENT = "event", "Event"
    TRAINING_SESSION = "training_session", "Training-linked session"
    MATERIALS = "materials", "Materials distributed"


class Campaign(models.Model):
    name = models.CharField(max_length=160, unique=True, verbose_name="name")
    objectives = models.TextField(verbose_name="objectives", help_text="What the campaign must change.")
    audiences = models.JSONField(
        default=list,
        blank=True,
        verbose_name="target audiences",
        help_text="Codes of the audiences aimed at.",
    )
    districts = models.JSONField(
        default=list,
        blank=True,
        verbose_name="districts",
        help_text="ISO 3166-2 codes of the districts covered.",
    )
    languages = models.JSONField(
        default=list, blank=True, verbose_name="languages", help_text="Language codes used."
    )
    partners = models.TextField(
        blank=True, verbose_name="partners", help_text="Partner organisations, one a line."
    )
    budget = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        verbose_name="budget (XCD)",
    )
    start_date = models.DateField(verbose_name="start date")
    end_date = models.DateField(verbose_name="end date")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", help_text="Who planned it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


class Phase(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(max_length=120, verbose_name="name")
    objectives = models.TextField(blank=True, verbose_name="objectives")
    audiences = models.JSONField(default=list, blank=True, verbose_name="target audiences")
    districts = models.JSONField(default=list, blank=True, verbose_name="districts")
    budget = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        verbose_name="budget (XCD)",
    )
    start_date = models.DateField(verbose_name="start date")
    end_date = models.DateField(verbose_name="end date")

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="campaign_phase_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.name}"


class Activity(models.Model):
    """One thing done for the campaign: a spot broadcast, a print run, a talk, an event."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="activities")
    phase = models.ForeignKey(
        Phase, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, verbose_name="channel")
    title = models.CharField(
        max_length=200, verbose_name="what", help_text="For example: Morning show interview, Helen FM."
    )
    district = models.CharField(
        max_length=6, blank=True, verbose_name="district", help_text="Empty for national media."
    )
    date = models.DateField(verbose_name="date", db_index=True)
    audience = models.CharField(max_length=24, choices=Audience.choices, verbose_name="audience")
    estimated_reach = models.PositiveIntegerField(
        default=0, verbose_name="estimated reach", help_text="People the channel says it reaches."
    )
    counted_reach = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name="counted reach",
        help_text="People counted (sign-in sheet, head count).",
    )
    partner = models.CharField(max_length=160, blank=True, verbose_name="partner")
    cost = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        verbose_name="cost (XCD)",
    )
    materials = models.ManyToManyField(
        "public.Material", blank=True, related_name="+", verbose_name="materials used"
    )
    materials_distributed = models.PositiveIntegerField(
        default=0, verbose_name="materials distributed", help_text="Leaflets, posters or copies handed out."
    )
    notes = models.TextField(blank=True, verbose_name="notes")
    source = models.CharField(
        max_length=12, default="form", help_text="How it was entered: form or spreadsheet."
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return f"{self.date} {self.channel}: {self.title}"

    @property
    def reach(self) -> int:
        """People reached: the count where one was made, otherwise the estimate."""
        return self.counted_reach if self.counted_reach is not None else self.estimated_reach

    def duplicate_key(self) -> tuple[str, str, str, str, str]:
        return (
            self.channel,
            self.title.strip().casefold(),
            self.district,
            self.date.isoformat(),
            self.audience,
        )


# --- KAP surveys (knowledge, attitudes, practice) -------------------------------------------------------------


class QuestionKind(models.TextChoices):
    SINGLE = "single", "One answer from a list"
    MULTIPLE = "multiple", "Several answers from a list"
    NUMBER = "number", "A number"
    TEXT = "text", "Free text"


class Scores(models.TextChoices):
    NONE = "", "Not scored"
    SIGNS = "signs", "Signs of trafficking known (each right answer is one sign)"
    HOTLINE = "hotline", "Knows the hotline (a right answer)"
    REPORT = "report", "Would report (a right answer)"


class Instrument(models.Model):
    """A survey form. A version is frozen once a round has responses; a change is then a new version."""

    name = models.CharField(max_length=160, verbose_name="name")
    version = models.PositiveSmallIntegerField(default=1, verbose_name="version")
    signs_threshold = models.PositiveSmallIntegerField(
        default=3,
        verbose_name="signs needed",
        help_text='A respondent "knows the signs" when they name at least this many.',
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The version before.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="campaign_instrument_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"

    @property
    def frozen(self) -> bool:
        return Response.objects.filter(round__instrument=self).exists()


class Question(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(
        max_length=40, verbose_name="code", help_text="Short name, as the column in a KoboToolbox export."
    )
    text = models.CharField(max_length=300, verbose_name="question")
    kind = models.CharField(max_length=10, choices=QuestionKind.choices, verbose_name="answer type")
    choices = models.JSONField(
        default=list, blank=True, help_text="[code, label] pairs for answers from a list."
    )
    scores = models.CharField(max_length=10, choices=Scores.choices, blank=True, verbose_name="scores")
    correct = models.JSONField(default=list, blank=True, help_text="Codes of the answers that score.")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="campaign_question_code")]

    def __str__(self) -> str:
        return self.code


class RoundKind(models.TextChoices):
    BASELINE = "baseline", "Baseline (before)"
    ENDLINE = "endline", "Endline (after)"


class SurveyRound(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="rounds")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="rounds")
    kind = models.CharField(max_length=10, choices=RoundKind.choices, verbose_name="round")
    start_date = models.DateField(verbose_name="first day")
    end_date = models.DateField(verbose_name="last day")

    class Meta:
        ordering = ["campaign", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="campaign_one_round_of_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.kind}"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other or prefers not to say"


class AgeBand(models.TextChoices):
    A15_24 = "15-24", "15 to 24"
    A25_34 = "25-34", "25 to 34"
    A35_49 = "35-49", "35 to 49"
    A50 = "50+", "50 and over"


class Response(models.Model):
    """One person's answers. No name or contact is asked; ``client_key`` makes a resent form one response."""

    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="responses")
    client_key = models.UUIDField(
        unique=True, help_text="From the form or the export: a resend is one response."
    )
    sex = models.CharField(max_length=8, choices=Sex.choices, verbose_name="sex")
    age_band = models.CharField(max_length=8, choices=AgeBand.choices, verbose_name="age band")
    district = models.CharField(max_length=6, verbose_name="district", help_text="ISO 3166-2 district.")
    answers = models.JSONField(default=dict, help_text="Answers by question code.")
    signs_known = models.PositiveSmallIntegerField(
        default=0, help_text="Right answers to the signs question."
    )
    knows_signs = models.BooleanField(default=False, help_text="Named at least the instrument's threshold.")
    knows_hotline = models.BooleanField(default=False)
    would_report = models.BooleanField(default=False)
    source = models.CharField(max_length=10, default="form", help_text="form or import.")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return str(self.client_key)
