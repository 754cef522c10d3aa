"""The administrator adds an agency and a user; the national coordinator reads the audit trail."""

from __future__ import annotations

from typing import Any

import pytest

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.country.services import country_load

from .conftest import screenshot
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_adds_an_agency_and_a_user(page: Any, live_server: Any) -> None:
    country_load(name="saint_lucia")
    admin = make_user([Role.ADMINISTRATOR], username="itofficer")
    log_in(page, live_server.url, admin)
    page.get_by_role("link", name="Agencies").click()
    screenshot(page, "admin-agencies")
    page.get_by_role("link", name="Add an agency").click()
    page.get_by_label("Name", exact=True).fill("Saint Lucia Crisis Centre")
    page.get_by_label("Type").select_option("ngo")
    page.get_by_label("District").select_option(label="Castries")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Agency “Saint Lucia Crisis Centre” created.").is_visible()

    page.get_by_role("link", name="Users").click()
    page.get_by_role("link", name="Add a user").click()
    page.get_by_label("Username").fill("mfelix")
    page.get_by_label("Temporary password").fill("short")
    page.get_by_label("First name").fill("Merlene")
    page.get_by_label("Last name").fill("Felix")
    page.get_by_label("Agency").select_option(label="Saint Lucia Crisis Centre")
    page.get_by_label("Case manager").check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("alert").is_visible()  # the error summary
    assert page.get_by_label("First name").input_value() == "Merlene"
    screenshot(page, "admin-user-form-error")
    page.get_by_label("Temporary password").fill("a-long-temporary-passphrase")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("cell", name="Merlene Felix").is_visible()
    screenshot(page, "admin-users")
    created = User.objects.get(username="mfelix")
    assert created.role_codes() == []  # a role that reads case content waits for a second administrator
    assert created.pending_changes.get().payload == {"add": ["case_manager"]}


def test_the_coordinator_filters_the_audit_trail(page: Any, live_server: Any) -> None:
    coordinator = make_user([Role.NATIONAL_COORDINATOR], username="focalpoint")
    log_in(page, live_server.url, coordinator)
    page.get_by_role("link", name="Audit trail", exact=True).click()
    page.locator("summary", has_text="Filter").click()
    page.get_by_label("Action").select_option("auth.login")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("tbody tr")
    assert rows.count() >= 1
    assert "auth.login" in rows.first.inner_text()
    screenshot(page, "audit-trail")
