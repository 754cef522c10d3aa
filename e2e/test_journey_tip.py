"""Journey 1: an anonymous tip in Kwéyòl from a phone becomes a case intake; the tipster follows it up."""

from __future__ import annotations

from typing import Any

import pytest

from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.cases.models import Case, CaseShare
from harbourline.country.services import country_load

from .conftest import screenshot
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_axe_violations(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_journey_1_a_tip_in_kweyol_becomes_a_case(phone_page: Any, page: Any, live_server: Any) -> None:
    country_load(name="saint_lucia")
    phone = phone_page
    phone.goto(f"{live_server.url}/report/acf/")
    assert phone.evaluate("document.documentElement.lang") == "acf"
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    no_axe_violations(phone)
    phone.get_by_label("Sa ki rivé?").fill(
        "An tifi ka twavay an an ba Gwo Zilé tout lannwit. I pa ka alé lékòl."
    )
    phone.locator("fieldset", has_text="timoun").get_by_label("Wi").check()
    phone.locator("fieldset", has_text="danjé kounyéa").get_by_label("Non").check()
    phone.get_by_label("Distwik").select_option("LC-06")
    screenshot(phone, "tip-form-kweyol-phone")
    phone.get_by_role("button", name="Voyé wapò-a").click()
    assert phone.get_by_role("heading", name="Mèsi. Nou wousivwé wapò'w.").is_visible()
    code = phone.locator("#receipt-code").inner_text()
    passphrase = phone.locator("#receipt-passphrase").inner_text()
    no_axe_violations(phone)
    screenshot(phone, "tip-receipt-kweyol-phone")

    police = Agency.objects.get(short_name="RSLPF")
    human_services = Agency.objects.get(short_name="Human Services")
    officer = make_user(
        [Role.TRIAGE_OFFICER], agency=Agency.objects.get(short_name="Home Affairs"), username="hotline"
    )
    log_in(page, live_server.url, officer)
    page.get_by_role("link", name="Tips", exact=True).click()
    row = page.locator("tbody tr", has_text=code)
    assert "Urgent" in row.inner_text() and "child" in row.inner_text()
    screenshot(page, "triage-queue")
    row.get_by_role("link", name=code).click()
    page.get_by_label("Agency that owns the case").select_option(str(police.pk))
    page.locator("form", has_text="Also share with").get_by_label("Department of Human Services").check()
    page.get_by_role("button", name="Convert to case intake").click()
    assert page.get_by_text("Case intake LC-").first.is_visible()
    page.get_by_label("Message to the reporter").fill("Mèsi. Ki laj tifi-a?")
    page.get_by_role("button", name="Send to the reporter").click()
    screenshot(page, "triage-tip")
    case = Case.objects.get(tip_reference=code)
    assert case.owning_agency == police and case.intake_source == "tip_line" and case.child_involved
    assert CaseShare.objects.get(case=case, revoked_at__isnull=True).agency == human_services

    phone.goto(f"{live_server.url}/report/acf/status/")
    phone.get_by_label("Kòd wisi").fill(code)
    phone.get_by_label("Mo sèkwé").fill(passphrase)
    phone.get_by_role("button", name="Gadé").click()
    assert phone.get_by_text("Nou voyé'y bay lotowité-a").is_visible()
    assert phone.get_by_text("Ki laj tifi-a?").is_visible()
    phone.get_by_label("Mété plis enfòmasyon osinon wéponn an kèsyon").fill("I ni apéprè 14 lanné.")
    phone.get_by_role("button", name="Voyé").click()
    assert phone.get_by_text("Mèsi. Nou mété enfòmasyon'w adan wapò-a.").is_visible()
    no_axe_violations(phone)
    screenshot(phone, "tip-status-kweyol-phone")
