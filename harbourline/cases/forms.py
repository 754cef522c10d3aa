from __future__ import annotations

from typing import Any

from django import forms

from harbourline.accounts.models import Agency
from harbourline.core.forms import DayMonthYearField, FastSelect, StyledForm
from harbourline.country.selectors import country_choices, district_choices

from . import codes
from .models.care import AttachmentKind, NoteLevel, ServiceCategory, ServiceStatus
from .models.person import DocumentType
from .policy import section_choices


def _districts(blank: str = "Not known") -> list[tuple[str, str]]:
    return [("", blank), *district_choices()]


def _yes_no_unknown() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=[("", "Not known"), ("yes", "Yes"), ("no", "No")],
        required=False,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
    )


class VersionedForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PersonForm(StyledForm):
    given_names = forms.CharField(required=False, max_length=200, label="Given names")
    family_name = forms.CharField(required=False, max_length=200, label="Family name")
    aliases = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="One per line."
    )
    date_of_birth = DayMonthYearField(required=False, label="Date of birth")
    gender = forms.ChoiceField(choices=codes.Gender.choices, initial=codes.Gender.UNKNOWN)
    nationality = forms.ChoiceField(choices=[], required=False, widget=FastSelect)
    citizenship = forms.ChoiceField(
        choices=[], required=False, widget=FastSelect, help_text="Only if it differs from the nationality."
    )
    languages = forms.CharField(required=False, max_length=100, help_text="For example: Spanish, English.")
    document_type = forms.ChoiceField(choices=[("", "Not known"), *DocumentType.choices], required=False)
    document_number = forms.CharField(required=False, max_length=60)
    phone = forms.CharField(required=False, max_length=40)
    email = forms.EmailField(required=False)
    address = forms.CharField(required=False, max_length=300, label="Where the person can be reached")
    district = forms.ChoiceField(choices=[], required=False, label="District where the person lives now")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = country_choices("Not known")  # type: ignore[attr-defined]
        self.fields["citizenship"].choices = country_choices("Same as nationality")  # type: ignore[attr-defined]
        self.fields["district"].choices = _districts()  # type: ignore[attr-defined]


class PersonEditForm(VersionedForm, PersonForm):
    pass


class CaseFactsForm(StyledForm):
    intake_source = forms.ChoiceField(choices=codes.IntakeSource.choices, label="How the case came in")
    intake_date = DayMonthYearField(label="Intake date")
    district = forms.ChoiceField(choices=[], required=False, label="District of intake")
    child_involved = _yes_no_unknown()
    summary = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What is known so far. Kept encrypted.",
    )
    forms_of_exploitation = forms.MultipleChoiceField(
        choices=codes.ExploitationForm.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    labour_industries = forms.MultipleChoiceField(
        choices=codes.LabourIndustry.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Forced labour: industry",
    )
    sex_exploitation_types = forms.MultipleChoiceField(
        choices=codes.SexExploitationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Sexual exploitation: type",
    )
    means_of_control = forms.MultipleChoiceField(
        choices=codes.MeansOfControl.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    recruitment_type = forms.ChoiceField(
        choices=[("", "Not known"), *codes.RecruitmentType.choices], required=False
    )
    recruiter_relation = forms.ChoiceField(
        choices=[("", "Not known"), *codes.RecruiterRelation.choices],
        required=False,
        label="Relationship to the trafficker",
    )
    country_of_recruitment = forms.ChoiceField(choices=[], required=False, widget=FastSelect)
    district_of_recruitment = forms.ChoiceField(choices=[], required=False)
    country_of_exploitation = forms.ChoiceField(choices=[], required=False, widget=FastSelect)
    district_of_exploitation = forms.ChoiceField(choices=[], required=False)
    exploitation_start = DayMonthYearField(required=False)
    exploitation_end = DayMonthYearField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("district", "district_of_recruitment", "district_of_exploitation"):
            self.fields[name].choices = _districts()  # type: ignore[attr-defined]
        for name in ("country_of_recruitment", "country_of_exploitation"):
            self.fields[name].choices = country_choices("Not known")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("exploitation_start"), data.get("exploitation_end")
        if start and end and end < start:
            self.add_error("exploitation_end", "The end is before the start.")
        return data


class CaseCreateForm(PersonForm, CaseFactsForm):
    owning_agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        help_text="Leave empty for your own agency.",
    )


class CaseEditForm(VersionedForm, CaseFactsForm):
    pass


class TransitionForm(VersionedForm):
    reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Why. Kept in the case history."
    )


class DecisionForm(VersionedForm):
    identified = forms.TypedChoiceField(
        choices=[("yes", "Identified as a victim of trafficking"), ("no", "Not a victim of trafficking")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        label="Decision",
    )
    deciding_body = forms.CharField(
        max_length=200,
        label="Decision-making body",
        help_text="For example: National Task Force, identification panel.",
    )
    decided_on = DayMonthYearField(label="Date of the decision")
    basis = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="The grounds of the decision."
    )


class CloseForm(VersionedForm):
    closure_reason = forms.ChoiceField(
        choices=codes.ClosureReason.choices, widget=forms.RadioSelect, label="Why the case is closed"
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Details")


class ConsentForm(StyledForm):
    purpose = forms.ChoiceField(choices=codes.ConsentPurpose.choices, widget=forms.RadioSelect)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        help_text="For sharing: the agency the person agreed to share with.",
    )
    given_on = DayMonthYearField(label="Date given")
    method = forms.ChoiceField(choices=codes.ConsentMethod.choices, label="How it was given")
    interpreter_language = forms.CharField(
        required=False, max_length=40, help_text="If an interpreter helped."
    )
    guardian_name = forms.CharField(required=False, max_length=200, help_text="For a child: who consented.")


class WithdrawForm(StyledForm):
    withdrawn_on = DayMonthYearField(label="Date withdrawn")
    reason = forms.CharField(required=False, max_length=500)
    keep_shares_reason = forms.CharField(
        required=False,
        max_length=500,
        label="Keep the shares resting on this consent: reason (supervisors only)",
        help_text="Leave empty to end those shares now, as the person asked.",
    )


class ShareForm(StyledForm):
    agency = forms.ModelChoiceField(queryset=Agency.objects.filter(is_active=True))
    sections = forms.MultipleChoiceField(
        choices=section_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Share only what the agency needs.",
    )
    reason = forms.CharField(max_length=500, help_text="For example: referral for medical care.")
    override_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason to share without consent (supervisors only)",
    )


class RevokeForm(StyledForm):
    reason = forms.CharField(max_length=500)


class RiskForm(StyledForm):
    assessed_on = DayMonthYearField(label="Date of the assessment")
    level = forms.ChoiceField(choices=codes.RiskLevel.choices, widget=forms.RadioSelect, label="Risk level")
    threats = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    immediate_needs = forms.MultipleChoiceField(
        choices=codes.IMMEDIATE_NEEDS, required=False, widget=forms.CheckboxSelectMultiple
    )
    safety_plan = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ProtectionForm(VersionedForm):
    reflection_start = DayMonthYearField(required=False, label="Reflection and recovery period: from")
    reflection_end = DayMonthYearField(required=False, label="Reflection and recovery period: until")
    reflection_basis = forms.CharField(required=False, max_length=200, label="Legal basis of the period")
    residence_status = forms.ChoiceField(choices=codes.ResidenceStatus.choices)
    residence_from = DayMonthYearField(required=False)
    residence_until = DayMonthYearField(required=False)
    residence_basis = forms.CharField(
        required=False, max_length=200, label="Legal basis of the residence status"
    )
    work_authorised = _yes_no_unknown()
    work_from = DayMonthYearField(required=False, label="Work authorisation from")
    work_until = DayMonthYearField(required=False, label="Work authorisation until")
    work_basis = forms.CharField(
        required=False, max_length=200, label="Legal basis of the work authorisation"
    )


class HealthForm(VersionedForm):
    health_needs = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    medical_notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    psychosocial_notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


class PlanItemForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    category = forms.ChoiceField(choices=ServiceCategory.choices, label="Need or service")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    provider = forms.ModelChoiceField(queryset=Agency.objects.filter(is_active=True), required=False)
    status = forms.ChoiceField(choices=ServiceStatus.choices)
    planned_start = DayMonthYearField(required=False)
    planned_end = DayMonthYearField(required=False)
    actual_start = DayMonthYearField(required=False)
    actual_end = DayMonthYearField(required=False)
    due_on = DayMonthYearField(required=False, label="Next step due")
    outcome = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(StyledForm):
    title = forms.CharField(max_length=300, label="What must be done")
    due_on = DayMonthYearField(label="Due")


class NoteForm(StyledForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Note")
    level = forms.ChoiceField(
        choices=NoteLevel.choices, widget=forms.RadioSelect, initial=NoteLevel.NORMAL, label="Who may read it"
    )


class AttachmentForm(StyledForm):
    kind = forms.ChoiceField(choices=AttachmentKind.choices)
    file = forms.FileField(help_text="PDF, JPEG or PNG, up to 10 MB. Photo location data is removed.")


class SearchForm(StyledForm):
    q = forms.CharField(required=False, max_length=100, label="Case number or name")
    phonetic = forms.BooleanField(required=False, label="Also names that sound alike")
    date_of_birth = DayMonthYearField(required=False)
    document_number = forms.CharField(required=False, max_length=60)
    status = forms.ChoiceField(
        choices=[("", "Any"), *codes.CaseStatus.choices], required=False, widget=FastSelect
    )
    district = forms.ChoiceField(choices=[], required=False, widget=FastSelect)
    form = forms.ChoiceField(
        choices=[("", "Any"), *codes.ExploitationForm.choices],
        required=False,
        label="Form of exploitation",
        widget=FastSelect,
    )
    nationality = forms.ChoiceField(choices=[], required=False, widget=FastSelect)
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), required=False, widget=FastSelect)
    intake_from = DayMonthYearField(required=False, label="Intake from")
    intake_to = DayMonthYearField(required=False, label="Intake until")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = _districts("Any")  # type: ignore[attr-defined]
        self.fields["nationality"].choices = country_choices("Any")  # type: ignore[attr-defined]


class DependantForm(StyledForm):
    name = forms.CharField(required=False, max_length=200, help_text="Leave empty if not known.")
    relationship = forms.CharField(max_length=40, help_text="For example: daughter, son, sibling.")
    age_band = forms.ChoiceField(choices=codes.AgeBand.choices, initial=codes.AgeBand.UNKNOWN)
    accompanying = forms.BooleanField(required=False, initial=True, label="With the person in Saint Lucia")
