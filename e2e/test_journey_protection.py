"""A case manager records the Act's protections: the s.22 information, a repatriation, a charge against the
person and the non-punishment decision on it; every page is axe-clean."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.cases.models import NonPunishmentDecision, Repatriation, VictimInformation
from harbourline.cases.tests.factories import make_case
from harbourline.country.services import country_load

from .conftest import screenshot
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_axe_violations(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def fill_date(page: Any, name: str, day: datetime.date) -> None:
    page.locator(f"input[name={name}_day]").fill(str(day.day))
    page.locator(f"input[name={name}_month]").fill(str(day.month))
    page.locator(f"input[name={name}_year]").fill(str(day.year))


def test_a_case_manager_records_information_repatriation_and_non_punishment(
    page: Any, live_server: Any
) -> None:
    country_load(name="saint_lucia")
    from harbourline.accounts.models import Agency

    human_services = Agency.objects.get(short_name="Human Services")
    manager = make_user([Role.CASE_MANAGER], agency=human_services, username="vstrose")
    case = make_case(manager, given_names="Rosa", family_name="Quintero", nationality="VE")
    today = timezone.localdate()

    log_in(page, live_server.url, manager)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Protection under the Act").click()
    no_axe_violations(page)

    page.get_by_role("link", name="Record information given").click()
    page.get_by_label("Their legal rights").check()
    page.get_by_label("How to seek legal immigration status (s.25)").check()
    fill_date(page, "given_on", today)
    page.get_by_label("Language used").fill("Spanish")
    page.get_by_label("An interpreter was used").check()
    page.get_by_label("Told by (name and role)").fill("V. St Rose, case manager")
    no_axe_violations(page)
    screenshot(page, "act-information")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Information recorded.").is_visible()

    page.get_by_role("link", name="Record a repatriation").click()
    page.get_by_label("Country of return").select_option("VE")
    page.get_by_label("Status").select_option("planned")
    fill_date(page, "planned_on", today + datetime.timedelta(days=30))
    page.get_by_label("Receiving organisation").fill("IOM Caracas")
    page.get_by_label("Risk level").select_option("medium")
    page.get_by_label("Risk assessment").fill("The recruiter lives in another state; family home is safe.")
    page.get_by_label("Follow-up after return").fill("IOM calls monthly for six months.")
    no_axe_violations(page)
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Repatriation recorded.").is_visible()

    page.get_by_role("link", name="Record a charge").click()
    page.get_by_label("Offence charged").fill("Illegal entry")
    fill_date(page, "charged_on", today)
    page.locator("fieldset", has_text="consequence of being trafficked").get_by_label("Yes").check()
    page.get_by_role("button", name="Save").click()
    assert page.locator("#non-punishment-alert").is_visible()
    assert "No non-punishment decision is recorded yet" in page.locator("#non-punishment-alert").inner_text()

    page.get_by_role("link", name="Record a non-punishment decision").click()
    page.get_by_label("Charge decided on").select_option(label="Illegal entry (Open (pending))")
    page.get_by_label("Decision", exact=True).select_option("requested")
    fill_date(page, "decided_on", today)
    page.get_by_label("Decided by").fill("Office of the Director of Public Prosecutions")
    page.get_by_label("Reasons").fill("She entered on a passport the recruiter supplied and kept.")
    no_axe_violations(page)
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Decision recorded.").is_visible()
    assert "A non-punishment decision is on record" in page.locator("#non-punishment-alert").inner_text()
    no_axe_violations(page)
    screenshot(page, "act-protections")

    assert VictimInformation.objects.get(case=case).language == "Spanish"
    assert Repatriation.objects.get(case=case).country == "VE"
    assert NonPunishmentDecision.objects.get(case=case).charge.offence == "Illegal entry"
