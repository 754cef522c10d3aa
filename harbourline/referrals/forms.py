from __future__ import annotations

from typing import Any

from django import forms

from harbourline.accounts.models import Agency, User
from harbourline.cases.models import Case, PlanItem
from harbourline.cases.models.care import ServiceCategory
from harbourline.cases.policy import section_choices
from harbourline.core.forms import DayMonthYearField, StyledForm
from harbourline.country.selectors import district_choices

from .models import ServiceEntry, Urgency


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


class DirectoryEntryForm(StyledForm):
    category = forms.ChoiceField(choices=ServiceCategory.choices, label="Kind of service")
    name = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    districts = forms.MultipleChoiceField(
        choices=district_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty if you serve the whole country.",
    )
    languages = forms.CharField(required=False, max_length=200, help_text="Language codes, like: en, fr, es.")
    hours = forms.CharField(
        required=False, max_length=200, help_text="For example: Monday to Friday, 8 to 4."
    )
    phone = forms.CharField(required=False, max_length=40)
    email = forms.EmailField(required=False)
    capacity_total = forms.IntegerField(required=False, min_value=0, label="Places (beds) in all")
    capacity_free = forms.IntegerField(required=False, min_value=0, label="Places (beds) free now")
    is_public = forms.BooleanField(required=False, label="Show on the public 'where to get help' page")
    is_active = forms.BooleanField(required=False, initial=True, label="Offered now")

    def clean_languages(self) -> list[str]:
        return _csv(self.cleaned_data["languages"])


class ReferralForm(StyledForm):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Agency")
    services = forms.ModelMultipleChoiceField(
        queryset=ServiceEntry.objects.none(), widget=forms.CheckboxSelectMultiple, label="Services"
    )
    sections = forms.MultipleChoiceField(
        choices=section_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Sections that travel",
        help_text="Leave empty to send the minimum the services need.",
    )
    urgency = forms.ChoiceField(choices=Urgency.choices, widget=forms.RadioSelect, initial=Urgency.ROUTINE)
    plan_item = forms.ModelChoiceField(
        queryset=PlanItem.objects.none(), required=False, label="Plan item this referral is for"
    )
    message = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    override_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason to refer without consent (supervisors only)",
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True).exclude(pk=case.owning_agency_id)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["services"].queryset = ServiceEntry.objects.filter(  # type: ignore[attr-defined]
            is_active=True, agency__in=agencies
        ).select_related("agency")
        self.fields["services"].label_from_instance = lambda s: f"{s.agency.name}: {s.name}"  # type: ignore[attr-defined]
        self.fields["plan_item"].queryset = case.plan_items.all()  # type: ignore[attr-defined]


class ReasonForm(StyledForm):
    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class OutcomeForm(StyledForm):
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Outcome")


class ServiceGivenForm(StyledForm):
    category = forms.ChoiceField(choices=ServiceCategory.choices, label="Service given")
    given_on = DayMonthYearField(label="Date given")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MessageForm(StyledForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Message")


class TransferForm(StyledForm):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Agency that will own the case")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    override_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason to transfer without consent (supervisors only)",
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).exclude(  # type: ignore[attr-defined]
            pk=case.owning_agency_id
        )


class AssignForm(StyledForm):
    worker = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label="Case worker")
    reason = forms.CharField(required=False, max_length=300)

    def __init__(self, *args: Any, agency_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            agency_id=agency_id, is_active=True
        ).order_by("last_name", "username")


class ReassignForm(StyledForm):
    from_worker = forms.ModelChoiceField(queryset=User.objects.none(), label="Worker leaving")
    to_worker = forms.ModelChoiceField(queryset=User.objects.none(), label="Worker taking over")
    reason = forms.CharField(max_length=300)

    def __init__(self, *args: Any, agency_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(agency_id=agency_id).order_by("last_name", "username")
        self.fields["from_worker"].queryset = staff  # type: ignore[attr-defined]
        self.fields["to_worker"].queryset = staff.filter(is_active=True)  # type: ignore[attr-defined]


class NotificationSettingsForm(StyledForm):
    email = forms.BooleanField(required=False, label="Also send me each notice by email")
