"""Screening a person who was a child when recruited: the child list is proposed, the adult list refused, and
the act with exploitation is enough (issue 11, item 1)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.cases.models import Case
from harbourline.cases.screening.models import Screening
from harbourline.cases.tests.factories import make_case

from .helpers import log_in
from .test_journey_cases import fill_date, mark_present

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_young_adult_recruited_at_sixteen_is_screened_with_the_child_list(
    page: Any, live_server: Any
) -> None:
    supervisor = make_user([Role.SUPERVISOR], username="galcide")
    case = make_case(supervisor, date_of_birth=datetime.date(2007, 1, 10))  # 19 at intake
    Case.objects.filter(pk=case.pk).update(exploitation_start=datetime.date(2023, 6, 1))  # 16 then

    log_in(page, live_server.url, supervisor)
    page.goto(f"{live_server.url}/screening/case/{case.pk}/")
    assert page.get_by_label("Age when recruited or exploited").input_value() == "16"
    assert page.get_by_label("Child, labour exploitation").is_checked()

    page.get_by_label("Adult, labour exploitation").check()
    fill_date(page, "interviewed_on", datetime.date(2026, 3, 2))
    page.get_by_role("button", name="Start").click()
    assert page.get_by_text("under 18 at the time: use a child list").is_visible()
    assert not Screening.objects.filter(case=case).exists()

    page.get_by_label("Child, labour exploitation").check()
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Recruitment", exact=True).check()
    page.get_by_label("Harbouring", exact=True).check()
    page.get_by_label("How it happened").fill("An aunt arranged for her to live and work in a shop.")
    mark_present(page, "Exploitative conditions of work", "Excessive working days or hours")
    mark_present(page, "Exploitative conditions of work", "No access to education")
    page.get_by_role("button", name="Complete and see the result").click()
    assert page.get_by_text("The indicators suggest trafficking").is_visible()
    assert page.get_by_text("Recruitment, Harbouring").is_visible()
    assert Screening.objects.get(case=case).outcome == "indicated"
