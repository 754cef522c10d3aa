from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from harbourline.accounts.models import Agency
from harbourline.core.forms import FastSelect, ModelMultipleChoiceField, StyledForm
from harbourline.country.selectors import district_choices

from .models import ClosureReason, ContactChoice, HeardVia, HowKnown, PlaceType, ReferredTo, Sector, TipStatus

YES_NO_UNKNOWN = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("Don't know"))]


def _choices(enum: Any, blank: str = "") -> list[tuple[str, Any]]:
    return ([("", blank)] if blank else []) + [(value, _(str(label))) for value, label in enum.choices]


@lru_cache(maxsize=16)
def _tip_choices(language: str, country: str) -> dict[str, list[tuple[str, str]]]:
    """The tip form's choice lists in one language, translated once per process rather than per request."""
    dont_know = str(_("Don't know"))
    return {
        "district": [("", dont_know), *district_choices()],
        "place_type": _translated(PlaceType, dont_know),
        "sector": _translated(Sector, dont_know),
        "how_known": _translated(HowKnown, " "),
        "heard_via": _translated(HeardVia, " "),
        "contact_choice": _translated(ContactChoice),
    }


def _translated(enum: Any, blank: str = "") -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in _choices(enum, blank)]


class TipForm(StyledForm):
    """The public tip form. Only 'what happened' is required; everything else helps if known."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}),
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Tell us in your own words. Any language is fine."),
    )
    danger_now = forms.ChoiceField(
        label=_("Is anyone in danger right now?"),
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect,
        initial="unknown",
    )
    child_involved = forms.ChoiceField(
        label=_("Is a child (under 18) involved?"),
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect,
        initial="unknown",
    )
    district = forms.ChoiceField(label=_("District"), required=False, widget=FastSelect)
    settlement = forms.CharField(label=_("Town, village or area"), required=False, max_length=200)
    place_type = forms.ChoiceField(label=_("What kind of place?"), required=False, widget=FastSelect)
    when = forms.CharField(label=_("When did it happen, and how often?"), required=False, max_length=500)
    people_count = forms.IntegerField(
        label=_("About how many people are affected?"), required=False, min_value=1, max_value=10000
    )
    people_ages = forms.CharField(label=_("Their ages, if you know"), required=False, max_length=60)
    people_sex = forms.CharField(label=_("Women, men, girls or boys?"), required=False, max_length=30)
    people_nationality = forms.CharField(label=_("Where are they from?"), required=False, max_length=60)
    sector = forms.ChoiceField(label=_("What work are they made to do?"), required=False, widget=FastSelect)
    suspect = forms.CharField(
        label=_("Who is responsible? A person, a place or a vehicle"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    how_known = forms.ChoiceField(label=_("How do you know about this?"), required=False, widget=FastSelect)
    heard_via = forms.ChoiceField(
        label=_("How did you hear about this hotline?"), required=False, widget=FastSelect
    )
    contact_choice = forms.ChoiceField(
        label=_("Your contact details"), widget=forms.RadioSelect, initial=ContactChoice.ANONYMOUS
    )
    contact_name = forms.CharField(label=_("Your name"), required=False, max_length=200)
    contact_phone = forms.CharField(label=_("Your phone"), required=False, max_length=40)
    contact_email = forms.EmailField(label=_("Your email"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["idempotency_key"] = uuid.uuid4()
        for name, choices in _tip_choices(
            translation.get_language() or "en", settings.HARBOURLINE_COUNTRY
        ).items():
            self.fields[name].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contact_choice") in (ContactChoice.SHARE, ContactChoice.CONFIDENTIAL) and not (
            data.get("contact_phone") or data.get("contact_email")
        ):
            self.add_error(
                "contact_phone", _("Give a phone number or an email, or choose to stay anonymous.")
            )
        return data

    def tip_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("idempotency_key", "website")}


class CallForm(TipForm):
    """A hotline call written down by the triage officer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["what_happened"].label = "What the caller reported"
        del self.fields["website"]


class LookupForm(StyledForm):
    reference = forms.CharField(
        label=_("Receipt code"), max_length=20, help_text=_("For example ABCD-EFGH-JKMN")
    )
    passphrase = forms.CharField(
        label=_("Passphrase"), max_length=80, widget=forms.PasswordInput(render_value=True)
    )


class ReplyForm(LookupForm):
    text = forms.CharField(
        label=_("Add information or answer a question"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].widget = forms.HiddenInput()
        self.fields["passphrase"].widget = forms.HiddenInput()


class StatusForm(StyledForm):
    status = forms.ChoiceField(choices=[(s.value, s.label) for s in TipStatus if s != TipStatus.CONVERTED])
    referred_to = forms.ChoiceField(
        choices=[("", "—"), *ReferredTo.choices], required=False, label="Referred to (when referring)"
    )
    closure_reason = forms.ChoiceField(
        choices=[("", "—"), *ClosureReason.choices], required=False, label="Why closed (when closing)"
    )
    reason = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class UrgentForm(StyledForm):
    urgent = forms.BooleanField(required=False, label="Urgent")
    reason = forms.CharField(max_length=500)


class MessageForm(StyledForm):
    text = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Message to the reporter",
        help_text="The reporter sees it when they check the tip with their receipt code.",
    )


class DuplicateForm(StyledForm):
    reference = forms.CharField(max_length=20, label="Receipt code of the earlier tip")


class ConvertForm(StyledForm):
    owning_agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True), label="Agency that owns the case"
    )
    share_with = ModelMultipleChoiceField(
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Also share with",
        help_text="They see the case section only (joint intake). The owning agency shares the person's "
        "identity once the person consents.",
    )
