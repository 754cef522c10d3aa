"""Tips from the public and from hotline calls. No IP address or user agent is ever stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from harbourline.crypto.fields import EncryptedTextField, SealedRowModel


class Channel(models.TextChoices):
    WEB = "web", "Web form"
    HOTLINE = "hotline", "Hotline call"


class TipStatus(models.TextChoices):
    NEW = "new", "New"
    UNDER_REVIEW = "under_review", "Under review"
    REFERRED = "referred", "Referred"
    CONVERTED = "converted", "Converted to case intake"
    CLOSED = "closed", "Closed"


PUBLIC_STATUS = {
    TipStatus.NEW: "received",
    TipStatus.UNDER_REVIEW: "under_review",
    TipStatus.REFERRED: "passed",
    TipStatus.CONVERTED: "passed",
    TipStatus.CLOSED: "closed",
}


class ReferredTo(models.TextChoices):
    POLICE = "police", "Police"
    LABOUR = "labour", "Labour inspection"
    SOCIAL = "social", "Social services"


class ClosureReason(models.TextChoices):
    NO_ACTION = "no_action", "No further action"
    DUPLICATE = "duplicate", "Duplicate"
    SPAM = "spam", "Spam"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Don't know"


class PlaceType(models.TextChoices):
    HOUSE = "house", "A house or apartment"
    FARM = "farm", "A farm"
    HOTEL = "hotel", "A hotel, bar or restaurant"
    SHOP = "shop", "A shop or market"
    BUILDING_SITE = "building_site", "A building site"
    BOAT = "boat", "A boat or port"
    STREET = "street", "A street or beach"
    CLUB = "club", "A club or guest house"
    ONLINE = "online", "Online"
    OTHER = "other", "Other"


class Sector(models.TextChoices):
    DOMESTIC = "domestic_work", "Domestic work"
    AGRICULTURE = "agriculture", "Agriculture"
    HOSPITALITY = "hospitality", "Hotels and restaurants"
    CONSTRUCTION = "construction", "Construction"
    SEX_TRADE = "sex_trade", "Sex trade"
    BEGGING = "begging", "Begging"
    FISHING = "fishing", "Fishing"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Don't know"


class HowKnown(models.TextChoices):
    SAW = "saw", "I saw it"
    TOLD = "told", "The person told me"
    HEARD = "heard", "I heard about it"
    MYSELF = "myself", "It is happening to me"
    OTHER = "other", "Other"


class HeardVia(models.TextChoices):
    RADIO = "radio", "Radio"
    TV = "tv", "Television"
    POSTER = "poster", "Poster or leaflet"
    SCHOOL = "school", "School talk"
    SOCIAL_MEDIA = "social_media", "Social media"
    FRIEND = "friend", "Friend or family"
    WORKSHOP = "workshop", "Training or workshop"
    OTHER = "other", "Other"


class ContactChoice(models.TextChoices):
    SHARE = "share", "Share my contact details with the authorities"
    CONFIDENTIAL = "confidential", "Keep my contact details with the hotline only"
    ANONYMOUS = "anonymous", "Stay anonymous"


class Tip(SealedRowModel):
    reference = models.CharField(
        max_length=16, unique=True, help_text="The receipt code given to the reporter."
    )
    passphrase_hash = models.CharField(max_length=100, help_text="Keyed hash of the reporter's passphrase.")
    idempotency_key = models.UUIDField(
        unique=True, help_text="From the form: a double submission is one tip."
    )
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB, db_index=True)
    language = models.CharField(
        max_length=5, default="en", help_text="Language of the form used (en, acf, es)."
    )
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(max_length=14, choices=TipStatus.choices, default=TipStatus.NEW, db_index=True)
    urgent = models.BooleanField(
        default=False, db_index=True, help_text="Danger now or a child involved, or marked."
    )
    what_happened = EncryptedTextField(help_text="What happened, in the reporter's words.")
    district = models.CharField(max_length=6, blank=True, help_text="ISO 3166-2 district.")
    settlement = EncryptedTextField(blank=True, help_text="Town, village or area.")
    place_type = models.CharField(max_length=14, choices=PlaceType.choices, blank=True)
    when = EncryptedTextField(
        blank=True, help_text="When it happened and how often, in the reporter's words."
    )
    people_count = models.PositiveIntegerField(null=True, blank=True, help_text="About how many people.")
    people_ages = models.CharField(
        max_length=60, blank=True, help_text="Their ages, as the reporter gave them."
    )
    people_sex = models.CharField(max_length=30, blank=True, help_text="Women, men, girls or boys.")
    people_nationality = models.CharField(max_length=60, blank=True, help_text="Where they are from.")
    sector = models.CharField(max_length=14, choices=Sector.choices, blank=True, db_index=True)
    child_involved = models.CharField(
        max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    danger_now = models.CharField(max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)
    suspect = EncryptedTextField(blank=True, help_text="A suspected exploiter, place or vehicle.")
    how_known = models.CharField(max_length=8, choices=HowKnown.choices, blank=True)
    heard_via = models.CharField(max_length=14, choices=HeardVia.choices, blank=True, db_index=True)
    contact_choice = models.CharField(
        max_length=14, choices=ContactChoice.choices, default=ContactChoice.ANONYMOUS
    )
    contact_name = EncryptedTextField(blank=True, help_text="Only if the reporter chose to give it.")
    contact_phone = EncryptedTextField(blank=True, help_text="Only if the reporter chose to give it.")
    contact_email = EncryptedTextField(blank=True, help_text="Only if the reporter chose to give it.")
    referred_to = models.CharField(max_length=8, choices=ReferredTo.choices, blank=True)
    closure_reason = models.CharField(max_length=10, choices=ClosureReason.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="tips"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Staff member who recorded a hotline call.",
    )

    class Meta:
        indexes = [models.Index(fields=["status", "-urgent", "received_at"])]

    def __str__(self) -> str:
        return self.reference


class TipEvent(SealedRowModel):
    """The tip's history: status changes with their reasons."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, help_text="What happened: status, urgent, duplicate, converted.")
    from_status = models.CharField(max_length=14, blank=True)
    to_status = models.CharField(max_length=14, blank=True)
    reason = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.tip_id} {self.kind}"


class TipMessage(SealedRowModel):
    """Messages between the triage officer and the reporter, through the receipt channel."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="messages")
    from_reporter = models.BooleanField(help_text="True: the reporter wrote it; false: the hotline did.")
    text = EncryptedTextField(help_text="The message.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"message {self.pk} on tip {self.tip_id}"
