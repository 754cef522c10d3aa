"""The public awareness site in a real browser: axe-core on every public page in every language, on a desktop
and on a 360 px phone; the exit button by keyboard; the language switcher; everything without JavaScript; and
the campaign officer's pages (screenshots for docs/guides/campaign-officer.md)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.country.services import country_load
from harbourline.public.content.seed import seed_launch_content
from harbourline.public.models import Material, Page, PageVersion
from harbourline.public.sections import PUBLIC_LANGUAGES, Section

from .conftest import screenshot
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXIT_URL = "https://www.google.com/search?q=weather"


@pytest.fixture(autouse=True)
def launch_content(db: Any) -> None:
    """Browser tests empty the database between tests, so the launch content is put back for each."""
    country_load(name="saint_lucia")
    seed_launch_content(Page, PageVersion, Material)


def public_paths() -> list[str]:
    paths = []
    for lang in PUBLIC_LANGUAGES:
        paths.append(f"/{lang}/")
        paths.extend(f"/{lang}/{section.value}/" for section in Section)
    for name in ("tips:form", "tips:status"):  # the tip line's public pages, once they exist
        for lang in PUBLIC_LANGUAGES:
            try:
                paths.append(reverse(name, kwargs={"lang": lang}))
            except NoReverseMatch:
                break
    return paths


def _fake_exit_site(page: Any) -> None:
    """The neutral site is not reached from the test machine: answer for it."""
    page.context.route(
        "https://www.google.com/**", lambda route: route.fulfill(body="<title>Weather</title>")
    )


def _axe_every_page(page: Any, base_url: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    failures = []
    for path in public_paths():
        page.goto(f"{base_url}{path}")
        results = axe.run(page)
        if results.violations_count:
            failures.append(f"{path}:\n{results.generate_report()}")
    return failures


def test_every_public_page_in_every_language_has_no_axe_violation_on_a_desktop(
    page: Any, live_server: Any
) -> None:
    failures = _axe_every_page(page, live_server.url)
    assert not failures, "\n".join(failures)
    page.goto(f"{live_server.url}/en/")
    screenshot(page, "public-home-en")
    page.goto(f"{live_server.url}/en/signs/")
    screenshot(page, "public-signs-en")
    page.goto(f"{live_server.url}/es/get-help/")
    screenshot(page, "public-get-help-es")


def test_every_public_page_in_every_language_has_no_axe_violation_on_a_phone(
    phone_page: Any, live_server: Any
) -> None:
    failures = _axe_every_page(phone_page, live_server.url)
    assert not failures, "\n".join(failures)
    for path in public_paths():
        phone_page.goto(f"{live_server.url}{path}")
        assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    phone_page.goto(f"{live_server.url}/acf/")
    screenshot(phone_page, "public-home-acf-phone")
    small = phone_page.evaluate(
        """[...document.querySelectorAll('header a, header button, header select, main a.button, main .cards a')]
        .filter(e => e.offsetParent !== null)
        .filter(e => { const r = e.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
        .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert small == [], small  # 44 px targets on public pages


def test_the_exit_button_is_reached_by_keyboard_and_leaves_without_keeping_the_page(
    page: Any, live_server: Any
) -> None:
    _fake_exit_site(page)
    page.goto(f"{live_server.url}/en/")
    page.goto(f"{live_server.url}/en/signs/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "exit-page"
    assert page.locator("#exit-page").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert page.url == f"{live_server.url}/en/"  # the signs page was replaced, not kept in history


def test_pressing_escape_three_times_leaves_the_page(page: Any, live_server: Any) -> None:
    _fake_exit_site(page)
    page.goto(f"{live_server.url}/es/rights/")
    assert "tres veces la tecla Escape" in page.locator("footer").inner_text()
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url(EXIT_URL)


def test_the_exit_button_stays_in_view_when_the_page_is_scrolled(phone_page: Any, live_server: Any) -> None:
    phone_page.goto(f"{live_server.url}/en/signs/")
    phone_page.mouse.wheel(0, 3000)
    box = phone_page.locator("#exit-page").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] < 80 and box["height"] >= 44


def test_the_language_switcher_shows_the_same_page_in_the_chosen_language(
    page: Any, live_server: Any
) -> None:
    page.goto(f"{live_server.url}/en/signs/")
    page.get_by_label("Language").select_option("acf")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_url(f"{live_server.url}/acf/signs/")
    assert page.get_by_role("heading", level=1).inner_text() == "Siy pou gadé"
    assert page.locator("html").get_attribute("lang") == "acf"
    page.goto(f"{live_server.url}/site/")
    page.wait_for_url(f"{live_server.url}/acf/")  # the choice is remembered
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    assert cookies <= {"csrftoken", "django_language"}


def test_the_public_site_works_without_javascript(browser: Any, live_server: Any) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/es/how-to-report/")
        assert page.get_by_role("heading", level=1).inner_text() == "Cómo informar"
        assert page.locator("#exit-page").get_attribute("href") == EXIT_URL
        page.get_by_label("Idioma").select_option("en")
        page.get_by_role("button", name="Cambiar idioma").click()
        page.wait_for_url(f"{live_server.url}/en/how-to-report/")
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Materials").click()
        page.wait_for_url(f"{live_server.url}/en/materials/")
        with page.expect_download() as download:
            page.get_by_role("link", name="Human trafficking: know the signs").click()
        assert download.value.suggested_filename.endswith(".pdf")
        screenshot(page, "public-materials-no-javascript")
    finally:
        context.close()


def test_a_campaign_officer_edits_translates_and_publishes_a_page(page: Any, live_server: Any) -> None:
    officer = make_user([Role.CAMPAIGN_OFFICER], username="campaign")
    log_in(page, live_server.url, officer)
    page.get_by_role("link", name="Public site").click()
    page.wait_for_url(f"{live_server.url}/public-site/manage/")
    screenshot(page, "campaign-pages")
    page.get_by_role("link", name="signs", exact=True).click()
    screenshot(page, "campaign-page-detail")
    page.get_by_role("row", name="Kwéyòl").get_by_role("link", name="Edit").click()
    page.get_by_label("Summary").fill("Siy ki ka montwé an moun sé viktim trafik.")
    screenshot(page, "campaign-edit-kweyol")
    page.get_by_role("button", name="Save draft").click()
    assert "Draft saved" in page.locator(".messages").inner_text()
    screenshot(page, "campaign-version-draft")
    page.get_by_role("button", name="Publish this text").click()
    assert "now live" in page.locator(".messages").inner_text()
    page.goto(f"{live_server.url}/public-site/manage/review/")
    screenshot(page, "campaign-review")
    page.goto(f"{live_server.url}/public-site/manage/materials/")
    screenshot(page, "campaign-materials")
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for path in ("/public-site/manage/", "/public-site/manage/review/", "/public-site/manage/materials/"):
        page.goto(f"{live_server.url}{path}")
        results = axe.run(page)
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/acf/signs/")
    assert "Siy ki ka montwé an moun sé viktim trafik." in page.locator("main").inner_text()
