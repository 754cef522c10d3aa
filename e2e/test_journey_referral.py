"""Journey 4: a case manager refers a person for shelter (1280 px); the shelter's service provider receives
it on a phone (360 px), accepts, records a service and completes it, and no longer sees the case. axe-core finds
no violation on any page; screenshots feed the case manager and service provider guides."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user
from harbourline.cases import services as case_services
from harbourline.cases.tests.factories import make_case
from harbourline.country.services import country_load
from harbourline.referrals import services
from harbourline.referrals.models import Referral

from .conftest import screenshot
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_axe_violations(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_journey_4_refer_receive_accept_record_complete(page: Any, phone_page: Any, live_server: Any) -> None:
    country_load(name="saint_lucia")
    sender = AgencyFactory.create(name="Human Services (journey)")
    shelter_agency = AgencyFactory.create(name="Safe Harbour Shelter")
    manager = make_user([Role.SUPERVISOR], agency=sender, username="cmjoseph")
    provider = make_user([Role.SERVICE_PROVIDER], agency=shelter_agency, username="spfelix")
    keeper = make_user([Role.SUPERVISOR, Role.SERVICE_PROVIDER], agency=shelter_agency)
    case = make_case(manager)
    case_services.consent_record(
        actor=manager,
        case=case,
        purpose="sharing",
        agency=shelter_agency,
        given_on=datetime.date(2026, 3, 2),
        method="written",
    )
    case_services.plan_item_save(actor=manager, case=case, category="shelter", description="Safe bed")
    services.directory_entry_save(
        actor=keeper,
        category="shelter",
        name="Emergency beds",
        hours="24 hours",
        capacity_total=8,
        capacity_free=2,
    )

    # the case manager refers, on a desktop
    log_in(page, live_server.url, manager)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Refer for services").click()
    page.get_by_label("Agency", exact=True).select_option(label="Safe Harbour Shelter")
    page.get_by_label("Safe Harbour Shelter: Emergency beds").check()
    page.get_by_label("Plan item this referral is for").select_option(index=1)
    page.get_by_label("Message").fill("Needs a safe bed tonight.")
    no_axe_violations(page)
    screenshot(page, "referral-new")
    page.get_by_role("button", name="Send referral").click()
    assert page.get_by_text("Referral sent to Safe Harbour Shelter.").is_visible()
    screenshot(page, "referral-sent")
    referral = Referral.objects.get(case=case)

    # the service provider receives it on a phone
    phone = phone_page
    log_in(phone, live_server.url, provider)
    phone.goto(f"{live_server.url}/referrals/")
    assert phone.locator(".bell .count").inner_text() == "1"
    no_axe_violations(phone)
    screenshot(phone, "referral-inbox-phone")
    phone.get_by_role("link", name=case.number).click()
    phone.get_by_role("button", name="Accept").click()
    assert phone.get_by_text("Accepted.").is_visible()
    phone.get_by_label("Service given").select_option("shelter")
    today = timezone.localdate()
    phone.get_by_label("Day").fill(str(today.day))
    phone.get_by_label("Month").fill(str(today.month))
    phone.get_by_label("Year").fill(str(today.year))
    phone.get_by_role("button", name="Record service").click()
    assert phone.get_by_text("Service recorded.").is_visible()
    no_axe_violations(phone)
    screenshot(phone, "referral-record-service-phone")
    phone.get_by_label("Outcome").fill("Housed for three weeks; moved to family.")
    phone.get_by_role("button", name="Complete").click()
    assert phone.get_by_text("Completed. Your agency no longer sees the case.").is_visible()
    referral.refresh_from_db()
    assert referral.status == "completed"
    response = phone.goto(f"{live_server.url}/cases/{case.pk}/")
    assert response is not None and response.status == 404

    # the sender sees the outcome
    page.goto(f"{live_server.url}/referrals/{referral.pk}/")
    assert page.get_by_text("Housed for three weeks").is_visible()
    no_axe_violations(page)
    screenshot(page, "referral-completed")
