"""Journey 9: a police investigator opens an investigation from a case, adds a suspect, a prosecution with a
charge and its outcome; the national coordinator sees the status without the suspect's identity; an NGO case
manager on the same case sees none of it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.cases import services
from harbourline.cases.tests.factories import make_case
from harbourline.country.services import country_load
from harbourline.justice.models import Charge, Investigation

from .conftest import screenshot
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY = datetime.date(2026, 3, 2)


def fill_date(page: Any, name: str, day: datetime.date) -> None:
    page.locator(f"input[name={name}_day]").fill(str(day.day))
    page.locator(f"input[name={name}_month]").fill(str(day.month))
    page.locator(f"input[name={name}_year]").fill(str(day.year))


def no_axe_violations(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def log_out(page: Any) -> None:
    page.get_by_role("button", name="Log out").click()


def test_journey_9_justice(page: Any, live_server: Any) -> None:
    country_load(name="saint_lucia")
    human_services = Agency.objects.get(short_name="Human Services")
    police = Agency.objects.get(short_name="RSLPF")
    supervisor = make_user([Role.SUPERVISOR], agency=human_services, username="galcide")
    manager = make_user([Role.CASE_MANAGER], agency=human_services, username="vstrose")
    officer = make_user([Role.POLICE_INVESTIGATOR], agency=police, username="kdeterville")
    coordinator = make_user([Role.NATIONAL_COORDINATOR], username="cmonrose")
    case = make_case(supervisor, given_names="Rosa", family_name="Quintero", nationality="VE")
    services.case_share_grant(
        actor=supervisor,
        case=case,
        agency=police,
        sections=["case", "identity", "justice"],
        reason="Report to the police",
        override_reason="The victim agreed to report",
    )

    # The investigator opens an investigation from the case.
    log_in(page, live_server.url, officer)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Open an investigation").click()
    fill_date(page, "opened_on", DAY)
    page.get_by_label("Police file number").fill("CID 14/26")
    page.get_by_label("Trafficking in persons, adult victim (Counter-Trafficking Act)").check()
    screenshot(page, "justice-open")
    page.get_by_role("button", name="Open the investigation").click()
    assert page.get_by_text("opened.").is_visible()
    investigation = Investigation.objects.get()

    # A suspect.
    page.get_by_role("link", name="Add a suspect").click()
    page.get_by_label("Given names").fill("Rupert")
    page.get_by_label("Family name").fill("Alexander")
    page.get_by_label("Sex").select_option("Masculine")
    page.get_by_label("Recruiter or intermediary").check()
    page.get_by_label("Exploiter").check()
    page.get_by_label("Relationship to the victim").select_option("Acquainted")
    page.get_by_role("button", name="Add the suspect").click()
    assert page.get_by_role("heading", name="Rupert Alexander").is_visible()
    no_axe_violations(page)
    screenshot(page, "justice-investigation")

    # A prosecution, a charge and its outcome.
    page.get_by_role("link", name="Bring a prosecution").click()
    page.get_by_label("Court", exact=True).select_option("magistrate")
    fill_date(page, "filed_on", datetime.date(2026, 3, 10))
    page.get_by_role("button", name="Record the prosecution").click()
    page.get_by_label("Defendant").select_option(label="Rupert Alexander")
    page.get_by_label("Offence").select_option("cta_trafficking_adult")
    page.get_by_label("Section").fill("as on the complaint")
    fill_date(page, "filed_on", datetime.date(2026, 3, 10))
    page.get_by_role("button", name="Add the charge").click()
    assert page.get_by_text("Charge added.").is_visible()
    page.get_by_role("link", name="Record the outcome").click()
    page.get_by_label("Outcome", exact=True).select_option("plea")
    fill_date(page, "outcome_on", datetime.date(2026, 3, 20))
    page.get_by_label("Custody (months)").fill("36")
    page.get_by_role("button", name="Record the outcome").click()
    assert page.get_by_text("Outcome recorded.").is_visible()
    assert page.get_by_text("36 months' custody").is_visible()
    no_axe_violations(page)
    screenshot(page, "justice-prosecution")
    charge = Charge.objects.get()
    assert (charge.outcome, charge.custody_months) == ("plea", 36)
    log_out(page)

    # The coordinator sees the status, never the suspect's identity.
    log_in(page, live_server.url, coordinator)
    page.goto(f"{live_server.url}/justice/")
    assert page.get_by_role("link", name=investigation.number).is_visible()
    page.get_by_role("link", name=investigation.number).click()
    body = page.content()
    assert "Guilty plea" in body and "Suspects: 1" in body
    assert "Rupert" not in body and "Alexander" not in body
    no_axe_violations(page)
    screenshot(page, "justice-coordinator")
    log_out(page)

    # The NGO case manager on the same case sees none of it.
    log_in(page, live_server.url, manager)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    body = page.content()
    assert "Quintero" in body or case.number in body
    assert "Criminal justice" not in body and investigation.number not in body
    response = page.goto(f"{live_server.url}/justice/{investigation.pk}/")
    assert response is not None and response.status == 403
    assert "Rupert" not in page.content()
