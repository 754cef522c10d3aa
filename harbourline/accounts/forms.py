from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password

from harbourline.core.forms import StyledForm

from .models import Agency, AgencyType, User
from .permissions import Role

ROLE_CHOICES = [(role.value, role.label) for role in Role]


class LoginForm(StyledForm):
    username = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(StyledForm):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        return "".join(str(self.cleaned_data["code"]).split())


class AgencyForm(StyledForm, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Agency
        fields = [
            "name",
            "short_name",
            "agency_type",
            "district",
            "email",
            "phone",
            "address",
            "services",
            "is_active",
        ]
        labels = {"agency_type": "Type", "is_active": "Active"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency_type"].choices = AgencyType.choices  # type: ignore[attr-defined]


class UserForm(StyledForm, forms.ModelForm):  # type: ignore[type-arg]
    roles = forms.MultipleChoiceField(
        choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple, required=True
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "job_title", "phone", "agency", "is_active"]
        labels = {"is_active": "Active (can log in)"}

    OWN_ACCOUNT_FIELDS = ("roles", "agency", "email")

    def __init__(self, *args: Any, own_account: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].required = True
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["roles"].help_text = (
            "A role that reads case content or manages users waits for a second administrator's approval. "
            "An administrator cannot also hold a role that reads case content."
        )
        if self.instance.pk:
            self.initial["roles"] = self.instance.role_codes()
        if own_account:
            # Nobody changes their own roles, agency or email: the service refuses it; here the fields are
            # shown but not sent, so what the browser posts for them is ignored.
            for name in self.OWN_ACCOUNT_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = "Another administrator changes your roles, agency and email."


class NewUserForm(UserForm):
    username = forms.RegexField(
        regex=r"^[a-z0-9._-]{3,150}$",
        help_text="Lower-case letters, digits, dots, dashes; at least 3 characters.",
        error_messages={"invalid": "Use only lower-case letters, digits, dots and dashes."},
    )
    password = forms.CharField(
        label="Temporary password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters, not a common password. The user must change it at first login.",
    )
    field_order = ["username", "password", "first_name", "last_name", "email"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username=username).exists():
            raise forms.ValidationError("That username is taken.")
        return str(username)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            try:
                validate_password(password, User(username=cleaned.get("username", "")))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned


class TemporaryPasswordForm(StyledForm):
    password = forms.CharField(
        label="New temporary password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Give it to the person directly; they choose their own at their next "
        "login, within 72 hours.",
    )
