from __future__ import annotations

from typing import Any

from django import forms

from harbourline.accounts.models import Agency, User
from harbourline.accounts.permissions import Role
from harbourline.core.forms import DayMonthYearField, ModelMultipleChoiceField, StyledForm
from harbourline.country.selectors import active_profile, district_choices

from .models import Module, Sector, Sex, TrainerStatus, WorkshopType

RATING_CHOICES = [(str(i), str(i)) for i in range(1, 6)]


def language_choices() -> list[tuple[str, str]]:
    return [(lang["code"], lang["name"]) for lang in active_profile().get("languages", [])] or [
        ("en", "English")
    ]


def trainer_queryset() -> Any:
    return (
        User.objects.filter(
            is_active=True, role_assignments__role__in=[Role.TRAINER, Role.NATIONAL_COORDINATOR]
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


class WorkshopForm(StyledForm):
    title = forms.CharField(max_length=200)
    workshop_type = forms.ChoiceField(label="Type", choices=WorkshopType.choices)
    modules = ModelMultipleChoiceField(
        queryset=Module.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        label="Modules covered",
    )
    target_sectors = forms.MultipleChoiceField(
        choices=Sector.choices, widget=forms.CheckboxSelectMultiple, required=False, label="Target sectors"
    )
    language = forms.ChoiceField(choices=language_choices)
    venue = forms.CharField(max_length=200, help_text="For example: Vieux Fort Town Hall, conference room.")
    district = forms.ChoiceField(choices=district_choices)
    start_date = DayMonthYearField(label="First day")
    end_date = DayMonthYearField(label="Last day")
    capacity = forms.IntegerField(
        min_value=1, max_value=500, initial=25, help_text="More people go on a waiting list."
    )
    lead_trainer = forms.ModelChoiceField(queryset=User.objects.none(), label="Lead trainer")
    co_facilitators = ModelMultipleChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_trainer"].queryset = trainer_queryset()  # type: ignore[attr-defined]
        self.fields["co_facilitators"].queryset = trainer_queryset()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", "The last day cannot be before the first day.")
        return data


class StatusForm(StyledForm):
    status = forms.ChoiceField(choices=[])

    def __init__(self, *args: Any, choices: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices  # type: ignore[attr-defined]


class SessionForm(StyledForm):
    title = forms.CharField(max_length=200, required=False, help_text="For example: Day 1 morning.")
    date = DayMonthYearField()
    starts_at = forms.TimeField(label="Starts at", help_text="24-hour clock, for example 09:00.")
    ends_at = forms.TimeField(label="Ends at", help_text="For example 12:30.")


class ParticipantForm(StyledForm):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    sex = forms.ChoiceField(choices=Sex.choices)
    sector = forms.ChoiceField(choices=Sector.choices)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        help_text="Leave empty and write the organisation below if it is not in the list.",
    )
    organisation = forms.CharField(max_length=200, required=False)
    job_role = forms.CharField(max_length=120, required=False, label="Role or rank")
    district = forms.ChoiceField(choices=[("", "Not known"), *district_choices()], required=False)
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=40, required=False)
    nominated_by = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True), required=False, label="Nominated by (agency)"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("agency") and not data.get("organisation"):
            self.add_error("organisation", "Choose an agency or write the organisation.")
        return data


class BulkParticipantsForm(StyledForm):
    lines = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}),
        label="Participants, one per line",
        help_text="First name; last name; sex (F/M); sector; organisation; e-mail or phone. "
        "Sectors: " + ", ".join(Sector.values) + ".",
    )
    nominated_by = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True), required=False, label="Nominated by (agency)"
    )

    def clean_lines(self) -> list[dict[str, Any]]:
        agencies = {a.name.lower(): a for a in Agency.objects.all()}
        agencies.update({a.short_name.lower(): a for a in Agency.objects.exclude(short_name="")})
        people, errors = [], []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) < 5 or not parts[0] or not parts[1]:
                errors.append(
                    f"line {number}: write at least first name; last name; sex; sector; organisation"
                )
                continue
            sex = {"f": Sex.FEMALE, "m": Sex.MALE}.get(parts[2][:1].lower(), Sex.UNSTATED)
            sector = parts[3].lower().replace(" ", "_")
            if sector not in Sector.values:
                errors.append(f"line {number}: unknown sector '{parts[3]}'")
                continue
            contact = parts[5] if len(parts) > 5 else ""
            agency = agencies.get(parts[4].lower())
            people.append(
                {
                    "first_name": parts[0],
                    "last_name": parts[1],
                    "sex": sex,
                    "sector": sector,
                    "agency": agency,
                    "organisation": "" if agency else parts[4],
                    "email": contact if "@" in contact else "",
                    "phone": "" if "@" in contact else contact,
                }
            )
        if errors:
            raise forms.ValidationError(errors[:10])
        if not people:
            raise forms.ValidationError("Write at least one participant.")
        return people


class BuildTestForm(StyledForm):
    pre_form = forms.ChoiceField(
        choices=[("A", "Form A"), ("B", "Form B")],
        initial="A",
        label="Pre-test questions",
    )
    post_form = forms.ChoiceField(
        choices=[("A", "Form A (same questions as a form A pre-test)"), ("B", "Form B (parallel form)")],
        initial="B",
        label="Post-test questions",
    )


class CurriculumRuleForm(StyledForm):
    workshop_type = forms.ChoiceField(choices=WorkshopType.choices, widget=forms.HiddenInput)
    attendance_share = forms.IntegerField(
        min_value=1, max_value=100, label="Sessions attended (percent)", help_text="From 1 to 100."
    )
    pass_mark = forms.IntegerField(
        min_value=0, max_value=100, label="Post-test pass mark (percent)", help_text="0: no post-test needed."
    )


class RevokeForm(StyledForm):
    reason = forms.CharField(max_length=300, help_text="For example: issued in error; attendance was wrong.")


class ReissueForm(StyledForm):
    reason = forms.CharField(
        max_length=300,
        help_text="For example: name misspelt; the revocation was reviewed and withdrawn.",
    )


class ModuleForm(StyledForm):
    title = forms.CharField(max_length=200)
    code = forms.SlugField(max_length=40, help_text="Short code in lower case, for example 'identification'.")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    objectives = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        label="Learning objectives",
        help_text="One objective per line.",
    )
    target_sectors = forms.MultipleChoiceField(
        choices=Sector.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    duration_minutes = forms.IntegerField(min_value=15, max_value=2400, label="Duration in minutes")
    order = forms.IntegerField(min_value=0, max_value=9999, help_text="Smaller numbers come first.")
    is_active = forms.BooleanField(required=False, initial=True, label="In use")


class MaterialForm(StyledForm):
    title = forms.CharField(
        max_length=200, help_text="Use the same title to add a new version; older versions are kept."
    )
    file = forms.FileField(help_text="PDF, Word, PowerPoint, spreadsheet or text; at most 20 MB.")
    note = forms.CharField(max_length=300, required=False, label="What changed in this version")


class QuestionForm(StyledForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Question")
    option_1 = forms.CharField(max_length=300, label="Option 1")
    option_2 = forms.CharField(max_length=300, label="Option 2")
    option_3 = forms.CharField(max_length=300, required=False, label="Option 3")
    option_4 = forms.CharField(max_length=300, required=False, label="Option 4")
    correct = forms.ChoiceField(choices=[(str(i), f"Option {i}") for i in range(1, 5)], label="Right answer")
    form = forms.ChoiceField(choices=[("A", "Form A"), ("B", "Form B")], label="Form")
    explanation = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        options = [data.get(f"option_{i}", "") for i in range(1, 5)]
        correct = int(data.get("correct") or 1)
        if not options[correct - 1]:
            self.add_error("correct", "The right answer must be one of the options you wrote.")
        data["choices"] = [o for o in options if o]
        data["correct_index"] = [o for o in options[: correct - 1] if o].__len__()
        return data


class TrainerStatusForm(StyledForm):
    status = forms.ChoiceField(choices=TrainerStatus.choices)
    specialities = forms.CharField(max_length=300, required=False)


class AccessCodeForm(StyledForm):
    code = forms.CharField(max_length=8, label="Workshop code", help_text="The code your trainer shows you.")


class EvaluationForm(StyledForm):
    content = forms.ChoiceField(
        choices=RATING_CHOICES, widget=forms.RadioSelect, label="Content (1 poor, 5 excellent)"
    )
    trainers = forms.ChoiceField(choices=RATING_CHOICES, widget=forms.RadioSelect, label="Trainers")
    relevance = forms.ChoiceField(
        choices=RATING_CHOICES, widget=forms.RadioSelect, label="Relevance to my work"
    )
    organisation = forms.ChoiceField(choices=RATING_CHOICES, widget=forms.RadioSelect, label="Organisation")
    comments = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=3000)
    anonymous = forms.BooleanField(required=False, initial=True, label="Send it anonymously")
    number = forms.IntegerField(required=False, min_value=1, label="My number (only if not anonymous)")
    pin = forms.CharField(required=False, max_length=6, label="My PIN (only if not anonymous)")


class FollowUpForm(StyledForm):
    uses_learning = forms.ChoiceField(
        choices=[("often", "Often"), ("sometimes", "Sometimes"), ("never", "Never")],
        widget=forms.RadioSelect,
        label="Do you use what you learned in your work?",
    )
    identified_case = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        label="Since the workshop, have you identified a possible victim of trafficking?",
    )
    referred_case = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        label="Have you referred a possible victim to a service or the police?",
    )
    comments = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=3000)
