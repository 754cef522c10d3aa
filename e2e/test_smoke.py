"""Smoke test: each demo role logs in with the second factor and sees its own home page."""

from __future__ import annotations

from typing import Any

import pytest

from harbourline.accounts.demo import DEMO_USERS
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.country.services import country_load

from .conftest import screenshot
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("username,role", [(u[0], u[1]) for u in DEMO_USERS], ids=[u[0] for u in DEMO_USERS])
def test_each_role_logs_in_and_sees_its_home(page: Any, live_server: Any, username: str, role: Role) -> None:
    country_load(name="saint_lucia")
    user = make_user([role], username=username)
    log_in(page, live_server.url, user)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")
    assert role.label in page.locator("main .lead").inner_text()
    screenshot(page, f"home-{username}")


def test_first_login_enrols_the_authenticator_and_shows_recovery_codes(page: Any, live_server: Any) -> None:
    from django_otp.oath import TOTP

    from harbourline.accounts.models import AuthenticatorDevice

    user = make_user([Role.CASE_MANAGER], username="newcomer", with_device=False)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill("correct-horse-battery-2026")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/login/setup/")
    page.get_by_role("button", name="Show my set-up code").click()
    page.locator("img[alt^='QR code']").wait_for()
    screenshot(page, "login-setup-authenticator")
    device = AuthenticatorDevice.objects.get(user=user, confirmed=False)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    page.get_by_label("Code").fill(f"{code:06d}")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/recovery-codes/")
    assert page.locator("ul.codes li").count() == 10
    screenshot(page, "login-recovery-codes")


def test_staff_pages_fit_a_360_pixel_phone_without_sideways_scrolling(
    phone_page: Any, live_server: Any
) -> None:
    user = make_user([Role.ADMINISTRATOR], username="phoneuser")
    phone_page.goto(f"{live_server.url}/accounts/login/")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone_page, "phone-login")
    log_in(phone_page, live_server.url, user)
    for path in ("/home/", "/accounts/users/", "/accounts/agencies/", "/audit/"):
        phone_page.goto(f"{live_server.url}{path}")
        assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    phone_page.goto(f"{live_server.url}/home/")
    screenshot(phone_page, "phone-home")


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_platform_pages_have_no_axe_violations(page: Any, live_server: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    country_load(name="saint_lucia")
    axe = Axe()
    page.goto(f"{live_server.url}/accounts/login/")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    user = make_user([Role.ADMINISTRATOR, Role.NATIONAL_COORDINATOR], username="axeuser")
    log_in(page, live_server.url, user)
    for path in (
        "/home/",
        "/accounts/users/",
        "/accounts/users/new/",
        "/accounts/users/approvals/",
        "/accounts/agencies/",
        "/audit/",
        "/accounts/recovery-codes/",
        "/accounts/password/",
    ):
        page.goto(f"{live_server.url}{path}")
        results = axe.run(page)
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"
