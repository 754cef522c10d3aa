from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from harbourline.core.forms import DayMonthYearField, ModelMultipleChoiceField, StyledForm
from harbourline.country.selectors import district_choices
from harbourline.public.models import Material

from .models import (
    AgeBand,
    Audience,
    Campaign,
    CampaignLanguage,
    Channel,
    Instrument,
    Phase,
    Question,
    QuestionKind,
    RoundKind,
    Scores,
    Sex,
)


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


# --- KAP surveys ------------------------------------------------------------------------------------------------


class InstrumentForm(StyledForm):
    name = forms.CharField(max_length=160, help_text="For example: KAP survey 2026.")
    signs_threshold = forms.IntegerField(
        min_value=1,
        max_value=7,
        initial=3,
        label="Signs needed",
        help_text='A respondent "knows the signs" when they name at least this many.',
    )


class QuestionForm(StyledForm):
    code = forms.SlugField(
        max_length=40, help_text="Lower-case letters, digits and _ : the column name in an export."
    )
    text = forms.CharField(max_length=300, label="Question")
    kind = forms.ChoiceField(label="Answer type", choices=QuestionKind.choices)
    choices = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        label="Answers",
        help_text="One a line: code | label. For example: yes | Yes",
    )
    scores = forms.ChoiceField(choices=Scores.choices, required=False)
    correct = forms.CharField(
        required=False, label="Answers that score", help_text="Their codes, separated by spaces."
    )

    def clean_choices(self) -> list[list[str]]:
        pairs = []
        for n, line in enumerate(self.cleaned_data["choices"].splitlines(), start=1):
            if not line.strip():
                continue
            code, sep, label = line.partition("|")
            code, label = code.strip(), label.strip()
            if not sep or not code or not label or not code.replace("_", "").isalnum():
                raise forms.ValidationError(
                    f"Line {n}: write code | label (the code in letters, digits and _)."
                )
            pairs.append([code, label])
        return pairs

    def clean_correct(self) -> list[str]:
        return self.cleaned_data["correct"].split()

    @staticmethod
    def initial_from(q: Question) -> dict[str, Any]:
        return {
            "code": q.code,
            "text": q.text,
            "kind": q.kind,
            "choices": "\n".join(f"{c} | {label}" for c, label in q.choices),
            "scores": q.scores,
            "correct": " ".join(q.correct),
        }


class RoundForm(StyledForm):
    kind = forms.ChoiceField(label="Round", choices=RoundKind.choices)
    instrument = forms.ModelChoiceField(queryset=Instrument.objects.all(), label="Survey and version")
    start_date = DayMonthYearField(label="First day")
    end_date = DayMonthYearField(label="Last day")


class ResponseForm(forms.Form):
    """Built from the instrument's questions. Rendered by the template (phone layout), not by StyledForm."""

    client_key = forms.UUIDField(widget=forms.HiddenInput)
    sex = forms.ChoiceField(choices=Sex.choices, widget=forms.RadioSelect)
    age_band = forms.ChoiceField(label="Age", choices=AgeBand.choices, widget=forms.RadioSelect)
    district = forms.ChoiceField(choices=lambda: [("", "Choose a district"), *district_choices()])

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(instrument.questions.all())
        for q in self.questions:
            name = f"q_{q.code}"
            choices = [(c, label) for c, label in q.choices]
            if q.kind == QuestionKind.MULTIPLE:
                self.fields[name] = forms.MultipleChoiceField(
                    label=q.text, choices=choices, widget=forms.CheckboxSelectMultiple, required=False
                )
            elif q.kind == QuestionKind.SINGLE:
                self.fields[name] = forms.ChoiceField(
                    label=q.text, choices=choices, widget=forms.RadioSelect, required=bool(q.scores)
                )
            elif q.kind == QuestionKind.NUMBER:
                self.fields[name] = forms.IntegerField(
                    label=q.text, min_value=0, max_value=99_999_999, required=False
                )
            else:
                self.fields[name] = forms.CharField(label=q.text, max_length=2000, required=False)

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for q in self.questions:
            value = self.cleaned_data.get(f"q_{q.code}")
            out[q.code] = "" if value is None else (str(value) if isinstance(value, int) else value)
        return out


class ResponsesImportForm(StyledForm):
    file = forms.FileField(
        label="KoboToolbox or ODK export (CSV)",
        help_text="Exported as CSV with XML values and headers (the question codes). Up to 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
    )
    valid_rows_only = forms.BooleanField(
        required=False,
        label="If some rows have errors, import the rows without errors anyway",
        help_text="Leave it unticked to import nothing from a file with errors.",
    )
