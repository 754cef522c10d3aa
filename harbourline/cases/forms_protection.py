"""Forms for the Act's protections on a case (services in ``services/protection.py``)."""

from __future__ import annotations

from typing import Any

from django import forms

from harbourline.core.forms import DayMonthYearField, FastSelect, StyledForm
from harbourline.country.selectors import country_choices

from .models.protection import (
    AccommodationType,
    ChargeStatus,
    InformationTopic,
    NonPunishmentOutcome,
    PersonCharge,
    RepatriationStatus,
    ReviewOutcome,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=YES_NO,
        label=label,
        help_text=help_text,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class VictimInformationForm(StyledForm):
    topics = forms.MultipleChoiceField(
        choices=InformationTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        label="What the person was told",
        help_text="Counter-Trafficking Act s.22.",
    )
    given_on = DayMonthYearField(label="Date told")
    language = forms.CharField(
        max_length=60, label="Language used", help_text="A language the person understands."
    )
    interpreter_used = forms.BooleanField(required=False, label="An interpreter was used")
    given_by = forms.CharField(max_length=200, label="Told by (name and role)")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Notes")


class AccommodationForm(StyledForm):
    kind = forms.ChoiceField(choices=AccommodationType.choices, label="Where the person stays")
    place = forms.CharField(required=False, max_length=200, label="Name of the place")
    from_date = DayMonthYearField(label="From")
    until_date = DayMonthYearField(
        required=False, label="Until", help_text="Leave empty while the stay goes on."
    )
    voluntary = _yes_no(
        "The person agreed to stay and knows they may leave",
        "Counter-Trafficking Act s.24(4): residence in a shelter is voluntary.",
    )
    contact_allowed = _yes_no(
        "Family, friends and attorneys may contact and visit",
        "Counter-Trafficking Act s.24(5).",
    )
    contact_limits = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Limits on contact or visits, and why"
    )
    exigent_circumstances = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Exigent circumstances (detention only)",
        help_text="Counter-Trafficking Act s.24(6): no victim is housed in a prison or detention facility "
        "without exigent circumstances.",
    )


class PersonChargeForm(StyledForm):
    offence = forms.CharField(
        max_length=200, label="Offence charged", help_text="For example: illegal entry."
    )
    charged_on = DayMonthYearField(required=False, label="Date charged")
    status = forms.ChoiceField(choices=ChargeStatus.choices, label="Status of the charge")
    consequence_of_trafficking = _yes_no("The act was committed as a consequence of being trafficked")


class ChargeStatusForm(StyledForm):
    status = forms.ChoiceField(choices=ChargeStatus.choices, label="Status of the charge")


class NonPunishmentForm(StyledForm):
    charge = forms.ModelChoiceField(
        queryset=PersonCharge.objects.none(),
        required=False,
        label="Charge decided on",
        empty_label="No one charge",
    )
    outcome = forms.ChoiceField(choices=NonPunishmentOutcome.choices, label="Decision")
    decided_on = DayMonthYearField(label="Date of the decision")
    decided_by = forms.CharField(max_length=200, label="Decided by")
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Reasons")

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["charge"].queryset = PersonCharge.objects.filter(case=case)  # type: ignore[attr-defined]
        self.fields["charge"].label_from_instance = lambda c: f"{c.offence} ({c.get_status_display()})"  # type: ignore[attr-defined]


class RepatriationForm(StyledForm):
    country = forms.ChoiceField(choices=[], widget=FastSelect, label="Country of return")
    status = forms.ChoiceField(choices=RepatriationStatus.choices)
    planned_on = DayMonthYearField(required=False, label="Planned date")
    returned_on = DayMonthYearField(required=False, label="Date of return")
    receiving_organisation = forms.CharField(max_length=200, label="Receiving organisation")
    risk_level = forms.ChoiceField(choices=[("low", "Low"), ("medium", "Medium"), ("high", "High")])
    risk_assessment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Risk assessment")
    follow_up = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Follow-up after return"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices("Choose a country")  # type: ignore[attr-defined]


class ChildProtectionReferralForm(StyledForm):
    authority = forms.CharField(
        max_length=200,
        initial="Human Services Department, Ministry of Equity",
        label="Child-protection authority",
    )
    referred_on = DayMonthYearField(label="Date referred")
    reference = forms.CharField(required=False, max_length=60, label="The authority's reference")


class IdentificationReviewForm(StyledForm):
    lodged_on = DayMonthYearField(label="Date the review was asked for")
    lodged_by = forms.CharField(max_length=200, label="Asked for by")
    outcome = forms.ChoiceField(choices=ReviewOutcome.choices, label="Outcome")
    decided_on = DayMonthYearField(required=False, label="Date of the review decision")
    reasons = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Reasons")


class ReviewDecisionForm(StyledForm):
    outcome = forms.ChoiceField(choices=ReviewOutcome.choices, label="Outcome")
    decided_on = DayMonthYearField(required=False, label="Date of the review decision")
    reasons = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Reasons")


class ReintegrationContactForm(StyledForm):
    done_on = DayMonthYearField(label="Date of the contact")
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="How the person is doing")
