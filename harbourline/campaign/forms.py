from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from harbourline.core.forms import DayMonthYearField, ModelMultipleChoiceField, StyledForm
from harbourline.country.selectors import district_choices
from harbourline.public.models import Material

from .models import Audience, Campaign, CampaignLanguage, Channel, Phase


def _district_options(blank: str = "") -> list[tuple[str, str]]:
    return ([("", blank)] if blank else []) + district_choices()


class CampaignForm(StyledForm):
    name = forms.CharField(max_length=160)
    objectives = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), help_text="What must change.")
    audiences = forms.MultipleChoiceField(
        label="Target audiences", choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    districts = forms.MultipleChoiceField(
        choices=_district_options,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave all empty for a national campaign.",
    )
    languages = forms.MultipleChoiceField(
        choices=CampaignLanguage.choices, widget=forms.CheckboxSelectMultiple
    )
    partners = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="One organisation a line."
    )
    budget = forms.DecimalField(
        label="Budget (XCD)",
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    start_date = DayMonthYearField(label="Start date")
    end_date = DayMonthYearField(label="End date")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", "The end date cannot be before the start date.")
        return data

    @staticmethod
    def initial_from(campaign: Campaign) -> dict[str, Any]:
        return {name: getattr(campaign, name) for name in CampaignForm.base_fields}


class PhaseForm(StyledForm):
    name = forms.CharField(max_length=120, help_text="For example: Launch, Schools term, Harvest season.")
    objectives = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    audiences = forms.MultipleChoiceField(
        label="Target audiences",
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    districts = forms.MultipleChoiceField(
        choices=_district_options, widget=forms.CheckboxSelectMultiple, required=False
    )
    budget = forms.DecimalField(
        label="Budget (XCD)",
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        initial=Decimal("0"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    start_date = DayMonthYearField(label="Start date")
    end_date = DayMonthYearField(label="End date")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", "The end date cannot be before the start date.")
        return data


class ActivityForm(StyledForm):
    channel = forms.ChoiceField(choices=[("", "Choose a channel"), *Channel.choices])
    title = forms.CharField(
        max_length=200, label="What", help_text="For example: Morning show interview, Helen FM."
    )
    phase = forms.ModelChoiceField(queryset=Phase.objects.none(), required=False, empty_label="No phase")
    date = DayMonthYearField(label="Date")
    district = forms.ChoiceField(
        choices=lambda: _district_options("National (no one district)"), required=False
    )
    audience = forms.ChoiceField(choices=[("", "Choose an audience"), *Audience.choices])
    estimated_reach = forms.IntegerField(
        min_value=0, max_value=2_000_000_000, initial=0, help_text="People the channel says it reaches."
    )
    counted_reach = forms.IntegerField(
        min_value=0,
        max_value=2_000_000_000,
        required=False,
        help_text="People counted there (sign-in sheet, head count). Leave empty if nobody counted.",
    )
    partner = forms.CharField(max_length=160, required=False)
    cost = forms.DecimalField(
        label="Cost (XCD)",
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        initial=Decimal("0"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    materials = ModelMultipleChoiceField(
        queryset=Material.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Materials used",
        help_text="From the public site's materials library.",
    )
    materials_distributed = forms.IntegerField(
        min_value=0, max_value=2_000_000_000, initial=0, help_text="Leaflets, posters or copies handed out."
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(campaign=campaign)  # type: ignore[attr-defined]
        materials = self.fields["materials"]
        materials.queryset = Material.objects.order_by("kind", "language", "title")  # type: ignore[attr-defined]
        materials.label_from_instance = (  # type: ignore[attr-defined]
            lambda m: (
                f"#{m.pk} {m.title} ({m.get_language_display()}, {m.get_kind_display()}, added "
                f"{m.created_at:%d %b %Y})"
            )
        )


class ImportForm(StyledForm):
    file = forms.FileField(
        label="Spreadsheet",
        help_text="The template filled in, as Excel (.xlsx) or CSV. Up to 2 MB and 2,000 rows.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
