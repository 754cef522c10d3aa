from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from harbourline.accounts.models import Agency
from harbourline.cases.codes import ExploitationForm
from harbourline.core.forms import StyledForm
from harbourline.country.selectors import district_choices

from .filters import Filters

FIRST_YEAR = 2010


def year_choices() -> list[tuple[str, str]]:
    this_year = timezone.localdate().year
    return [(str(y), str(y)) for y in range(this_year, FIRST_YEAR - 1, -1)]


class FiltersForm(StyledForm):
    year = forms.ChoiceField(required=False)
    agency = forms.ChoiceField(required=False)
    form = forms.ChoiceField(required=False, label="Form of exploitation")
    district = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.order_by("name").values_list("pk", "name")
        self.fields["year"].choices = [("", "All years"), *year_choices()]  # type: ignore[attr-defined]
        self.fields["agency"].choices = [("", "All agencies")] + [(str(pk), n) for pk, n in agencies]  # type: ignore[attr-defined]
        self.fields["form"].choices = [("", "All forms"), *ExploitationForm.choices]  # type: ignore[attr-defined]
        self.fields["district"].choices = [("", "All districts"), *district_choices()]  # type: ignore[attr-defined]

    def filters(self) -> Filters:
        """The chosen filters; call after is_valid()."""
        data = self.cleaned_data
        return Filters(
            year=int(data["year"]) if data.get("year") else None,
            agency=int(data["agency"]) if data.get("agency") else None,
            form=data.get("form") or "",
            district=data.get("district") or "",
        )


class AnnualForm(StyledForm):
    year = forms.ChoiceField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()  # type: ignore[attr-defined]
