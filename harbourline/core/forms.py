"""Form building blocks: accessible rendering (labels above, hints, error summary) and day/month/year dates."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


class HarbourlineFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class StyledForm(forms.Form):
    """Base for Harbourline forms: rendered with the error summary and accessible field layout."""

    template_name = "core/forms/form.html"
    required_css_class = "required"


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, except that a value too large for a database integer is an invalid choice with a clear
    message (Django's own lets it reach the database, where SQLite raises OverflowError)."""

    def clean(self, value: Any) -> Any:
        if self.queryset is not None and isinstance(value, list | tuple):
            meta = self.queryset.model._meta
            field = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
            if isinstance(field, models.IntegerField):  # AutoField and BigAutoField included
                for item in value:
                    try:
                        number = int(str(item))
                    except ValueError:
                        continue  # Django's own check names a value that is not a number
                    if not -(2**63) <= number < 2**63:
                        raise forms.ValidationError(
                            self.error_messages["invalid_choice"],
                            code="invalid_choice",
                            params={"value": item},
                        )
        return super().clean(value)


class FastSelect(forms.Select):
    """A select box rendered in Python rather than one template per option: long lists (every country)
    render in a fraction of the time. Same HTML as Django's Select."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None}
        parts = [f"<select{flatatt(final)}>"]
        for option_value, label in self.choices:
            text = str(option_value if option_value is not None else "")
            selected = " selected" if text in chosen else ""
            parts.append(f'<option value="{escape(text)}"{selected}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value and label is escaped above


class DayMonthYearWidget(forms.MultiWidget):
    """Three short number inputs (day, month, year), as people write dates on paper forms."""

    template_name = "core/forms/date_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"inputmode": "numeric", "class": "date-part"}
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(attrs={**base, "maxlength": 2, "size": 2, "aria-label": "Day"}),
            "month": forms.TextInput(attrs={**base, "maxlength": 2, "size": 2, "aria-label": "Month"}),
            "year": forms.TextInput(attrs={**base, "maxlength": 4, "size": 4, "aria-label": "Year"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, dict):  # what was typed, shown again when the form comes back with a message
            return [value.get("day"), value.get("month"), value.get("year")]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        day, month, year = super().value_from_datadict(data, files, name)
        if not (day or month or year):
            return None
        return {"day": day, "month": month, "year": year}


class DayMonthYearField(forms.Field):
    widget = DayMonthYearWidget
    default_error_messages = {
        "invalid": "Enter a real date, for example 27 3 2026.",
        "incomplete": "Enter the day, the month and the year.",
    }

    def to_python(self, value: Any) -> datetime.date | None:
        if value in (None, "", {}):
            return None
        if isinstance(value, datetime.date):
            return value
        parts = [str(value.get(k) or "").strip() for k in ("day", "month", "year")]
        if not all(parts):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            day, month, year = (int(p) for p in parts)
            if year < 1900 or year > 2100:
                raise ValueError
            return datetime.date(year, month, day)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
