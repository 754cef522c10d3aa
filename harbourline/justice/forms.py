from __future__ import annotations

from typing import Any

from django import forms

from harbourline.accounts.models import Agency
from harbourline.cases.codes import AgeBand, Gender
from harbourline.core.forms import DayMonthYearField, FastSelect, StyledForm
from harbourline.country.selectors import country_choices

from .codes import (
    ChargeOutcome,
    Court,
    InvestigationClosure,
    Offence,
    RelationshipToVictim,
    RoleInProcess,
    SupportMeasure,
)
from .models import Suspect


class InvestigationForm(StyledForm):
    opened_on = DayMonthYearField(label="Opened on")
    reference = forms.CharField(required=False, max_length=40, label="Police file number")
    offences = forms.MultipleChoiceField(
        choices=Offence.choices, widget=forms.CheckboxSelectMultiple, label="Offences investigated"
    )


class ReferForm(StyledForm):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Prosecuting office")
    referred_on = DayMonthYearField(label="File sent on")

    def __init__(self, *args: Any, exclude: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True)
        if exclude is not None:
            agencies = agencies.exclude(pk=exclude)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class CloseForm(StyledForm):
    closed_on = DayMonthYearField(label="Closed on")
    reason = forms.ChoiceField(
        choices=[("", "Choose"), *InvestigationClosure.choices], label="Why it is closed"
    )
    details = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SuspectForm(StyledForm):
    given_names = forms.CharField(required=False, max_length=200, label="Given names")
    family_name = forms.CharField(required=False, max_length=200, label="Family name")
    aliases = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Nicknames or other names, one per line.",
    )
    date_of_birth = DayMonthYearField(required=False, label="Date of birth")
    document_number = forms.CharField(required=False, max_length=60, label="Passport or identity card number")
    sex = forms.ChoiceField(choices=Gender.choices, initial=Gender.UNKNOWN)
    age_band = forms.ChoiceField(choices=AgeBand.choices, initial=AgeBand.UNKNOWN, label="Age")
    nationality = forms.ChoiceField(choices=[], required=False, widget=FastSelect, label="Citizenship")
    roles = forms.MultipleChoiceField(
        choices=RoleInProcess.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Role in the trafficking",
    )
    role_details = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="What they did"
    )
    relationship_to_victim = forms.ChoiceField(
        choices=RelationshipToVictim.choices, required=False, label="Relationship to the victim"
    )
    arrested_on = DayMonthYearField(required=False, label="Arrested on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = country_choices("Not known")  # type: ignore[attr-defined]


class ProsecutionForm(StyledForm):
    court = forms.ChoiceField(choices=[("", "Choose"), *Court.choices])
    court_reference = forms.CharField(required=False, max_length=40, label="Court reference")
    filed_on = DayMonthYearField(label="Charges filed on")
    first_hearing_on = DayMonthYearField(required=False, label="First hearing")


class ChargeForm(StyledForm):
    defendant = forms.ModelChoiceField(queryset=Suspect.objects.none(), label="Defendant")
    offence = forms.ChoiceField(choices=[("", "Choose"), *Offence.choices])
    law = forms.CharField(required=False, max_length=120, help_text="Only for an offence under another law.")
    section = forms.CharField(max_length=40, help_text="As on the indictment or complaint.")
    filed_on = DayMonthYearField(label="Charged on")

    def __init__(self, *args: Any, investigation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["defendant"]
        field.queryset = Suspect.objects.filter(investigation_id=investigation_id)  # type: ignore[attr-defined]
        field.label_from_instance = lambda s: s.full_name  # type: ignore[attr-defined]


class OutcomeForm(StyledForm):
    outcome = forms.ChoiceField(choices=ChargeOutcome.choices)
    outcome_on = DayMonthYearField(required=False, label="Date of the outcome")
    custody_months = forms.IntegerField(required=False, min_value=0, label="Custody (months)")
    suspended = forms.BooleanField(required=False, label="Custody suspended")
    fine = forms.DecimalField(required=False, min_value=0, decimal_places=2, label="Fine (EC$)")
    restitution_ordered = forms.DecimalField(
        required=False, min_value=0, decimal_places=2, label="Restitution ordered (EC$)"
    )
    restitution_paid = forms.DecimalField(
        required=False, min_value=0, decimal_places=2, label="Restitution paid (EC$)"
    )
    compensation_ordered = forms.DecimalField(
        required=False, min_value=0, decimal_places=2, label="Compensation ordered (EC$)"
    )
    compensation_paid = forms.DecimalField(
        required=False, min_value=0, decimal_places=2, label="Compensation paid (EC$)"
    )


class WitnessForm(StyledForm):
    case = forms.ChoiceField(choices=[], label="Victim's case")
    requested = forms.MultipleChoiceField(
        choices=SupportMeasure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Support requested",
    )
    granted = forms.MultipleChoiceField(
        choices=SupportMeasure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Support granted",
    )
    informed = forms.BooleanField(required=False, label="The victim was told of the proceedings")
    informed_on = DayMonthYearField(required=False, label="Told on")

    def __init__(self, *args: Any, cases: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = cases  # type: ignore[attr-defined]
