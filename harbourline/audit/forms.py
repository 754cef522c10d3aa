from __future__ import annotations

from typing import Any

from django import forms

from harbourline.accounts.models import Agency, User
from harbourline.core.forms import StyledForm

from .actions import all_actions


class AuditFilterForm(StyledForm):
    user = forms.ModelChoiceField(queryset=User.objects.order_by("username"), required=False)
    agency = forms.ModelChoiceField(queryset=Agency.objects.order_by("name"), required=False)
    action = forms.ChoiceField(required=False)
    object_type = forms.CharField(required=False, max_length=64, label="Object type")
    object_id = forms.CharField(required=False, max_length=64, label="Object id")
    outcome = forms.ChoiceField(
        required=False, choices=[("", "Any"), ("allowed", "Allowed"), ("denied", "Denied")]
    )
    date_from = forms.DateField(
        required=False, label="From (yyyy-mm-dd)", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To (yyyy-mm-dd)", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Any")] + [(a.value, a.value) for a in all_actions()]  # type: ignore[attr-defined]
