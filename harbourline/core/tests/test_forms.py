from __future__ import annotations

import pytest

from harbourline.accounts.models import Agency
from harbourline.accounts.tests.factories import AgencyFactory
from harbourline.core.forms import ModelMultipleChoiceField, StyledForm


class AgenciesForm(StyledForm):
    agencies = ModelMultipleChoiceField(queryset=Agency.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("huge", ["9223372036854775808", "-9223372036854775809", "99999999999999999999"])
def test_a_choice_too_large_for_the_database_is_an_invalid_choice_not_a_crash(huge: str) -> None:
    agency = AgencyFactory()
    form = AgenciesForm({"agencies": [str(agency.pk), huge]})
    assert not form.is_valid()
    assert form.errors["agencies"] == [f"Select a valid choice. {huge} is not one of the available choices."]


@pytest.mark.django_db
def test_ordinary_choices_still_work() -> None:
    first, second = AgencyFactory(), AgencyFactory()
    form = AgenciesForm({"agencies": [str(first.pk), str(second.pk)]})
    assert form.is_valid()
    assert set(form.cleaned_data["agencies"]) == {first, second}
    assert not AgenciesForm({"agencies": ["not-a-number"]}).is_valid()


def test_every_scrolling_table_can_be_reached_by_keyboard() -> None:
    """A table wider than a phone scrolls sideways; keyboard users must be able to focus it to scroll
    (axe rule scrollable-region-focusable, WCAG 2.1.1)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    missing = [
        f"{path.relative_to(root)}: {line.strip()[:60]}"
        for path in root.rglob("*.html")
        for line in path.read_text(encoding="utf-8").splitlines()
        if 'class="table-wrap"' in line and 'class="table-wrap" tabindex="0"' not in line
    ]
    assert missing == []
