from __future__ import annotations

from typing import Any

from django import forms

from harbourline.core.forms import DayMonthYearField, StyledForm
from harbourline.core.params import parse_int

from .models import Act, Answer, Evidence, Instrument, InstrumentStatus, Screening, Strength


class StartForm(StyledForm):
    age_at_exploitation = forms.IntegerField(
        min_value=0,
        max_value=120,
        label="Age when recruited or exploited (years)",
        help_text="The age at the time, not today: it decides the child or adult list. If not known exactly, "
        "give your best estimate; someone who may have been under 18 is treated as a child.",
    )
    instrument = forms.ModelChoiceField(
        queryset=Instrument.objects.filter(status=InstrumentStatus.ACTIVE),
        widget=forms.RadioSelect,
        label="Profile",
        empty_label=None,
    )
    interviewed_on = DayMonthYearField(label="Date of the interview")
    interpreter_language = forms.CharField(
        required=False,
        max_length=40,
        label="Interpreter (language)",
        help_text="Leave empty if no interpreter was needed.",
    )


class AnswersForm(StyledForm):
    """One present/absent/unknown choice and a note per indicator, grouped by dimension in the template."""

    interviewed_on = DayMonthYearField(label="Date of the interview")
    interpreter_language = forms.CharField(required=False, max_length=40, label="Interpreter (language)")
    acts = forms.MultipleChoiceField(
        choices=Act.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What was done to the person",
        help_text="Tick every one that happened. For a child, the act and exploitation are enough; no means are "
        "needed.",
    )
    act_note = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="How it happened",
        help_text="For example: an aunt arranged for her to live and work in a shop.",
    )

    def __init__(self, *args: Any, screening: Screening, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for answer in screening.answers.select_related("indicator").order_by("indicator__order"):
            indicator = answer.indicator
            key = f"i{indicator.pk}"
            self.fields[key] = forms.ChoiceField(
                choices=Answer.choices, widget=forms.RadioSelect, initial=answer.answer, label=indicator.label
            )
            self.fields[f"{key}_note"] = forms.CharField(
                required=False, max_length=1000, initial=answer.note, label=f"Note: {indicator.label}"
            )
            self.rows.append((indicator, key))

    def by_dimension(self, dimensions: list[dict[str, str]]) -> list[tuple[dict[str, str], list[Any]]]:
        groups = []
        for dim in dimensions:
            rows = [
                (ind, self[key], self[f"{key}_note"])
                for ind, key in self.rows
                if ind.dimension == dim["code"]
            ]
            groups.append((dim, rows))
        return groups

    def answers(self) -> dict[int, tuple[str, str]]:
        return {ind.pk: (self.cleaned_data[key], self.cleaned_data[f"{key}_note"]) for ind, key in self.rows}


class InstrumentChangeForm(StyledForm):
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    combinations = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="When a dimension is met",
        help_text="One combination per line, e.g. 'strong=2' or 'strong=1 medium_or_weak=1' or 'medium=2 weak=1'.",
    )

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for indicator in instrument.indicators.all():
            key = f"i{indicator.pk}"
            self.fields[f"{key}_strength"] = forms.ChoiceField(
                choices=Strength.choices, initial=indicator.strength, label=f"Strength: {indicator.label}"
            )
            self.fields[f"{key}_evidence"] = forms.ChoiceField(
                choices=Evidence.choices, initial=indicator.evidence, label=f"Evidence: {indicator.label}"
            )
            self.fields[f"{key}_moc"] = forms.CharField(
                required=False,
                max_length=40,
                initial=indicator.means_of_control,
                label=f"Means-of-control code: {indicator.label}",
            )
            self.fields[f"{key}_source"] = forms.CharField(
                required=False,
                max_length=400,
                initial=indicator.source,
                label=f"Source: {indicator.label}",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.rows.append((indicator, key))

    def clean_combinations(self) -> list[dict[str, int]]:
        combinations = []
        allowed = {"strong", "medium", "weak", "medium_or_weak"}
        for line in str(self.cleaned_data["combinations"]).splitlines():
            if not line.strip():
                continue
            combination: dict[str, int] = {}
            for part in line.split():
                name, _, number = part.partition("=")
                if name not in allowed or parse_int(number, maximum=10) is None:
                    raise forms.ValidationError(
                        f"Not understood: '{part}'. Use strong, medium, weak or medium_or_weak."
                    )
                combination[name] = int(number)
            if not any(combination.values()):
                raise forms.ValidationError("A combination needs at least one indicator.")
            combinations.append(combination)
        if not combinations:
            raise forms.ValidationError("Keep at least one combination.")
        return combinations

    def indicator_changes(self) -> dict[int, dict[str, str]]:
        return {
            ind.pk: {
                "strength": self.cleaned_data[f"{key}_strength"],
                "evidence": self.cleaned_data[f"{key}_evidence"],
                "means_of_control": self.cleaned_data[f"{key}_moc"],
                "source": self.cleaned_data[f"{key}_source"],
            }
            for ind, key in self.rows
        }


def combinations_text(rules: dict[str, Any]) -> str:
    return "\n".join(" ".join(f"{k}={v}" for k, v in c.items()) for c in rules.get("dimension_positive", []))
