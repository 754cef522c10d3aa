"""The analyst opens the national figures, filters them, reads a chart's table and downloads the TIP report
figures with small counts shown as "<5"; every page passes axe-core."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.stats.tests.seed import seed_all

from .conftest import screenshot
from .helpers import log_in
from .test_journey_training import no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_analyst_filters_the_dashboard_and_downloads_the_tip_figures(page: Any, live_server: Any) -> None:
    data = seed_all(cases=240)
    analyst = make_user([Role.ANALYST], agency=data.agencies[1], username="analyst")
    analyst.first_name, analyst.last_name = "Josette", "Augustin"
    analyst.save()
    base = live_server.url
    log_in(page, base, analyst)

    page.get_by_role("link", name="Figures").first.click()
    page.get_by_role("heading", name="National figures", level=1).wait_for()
    assert page.locator('table[data-figure="victims_by_sex"]').is_visible()
    screenshot(page, "figures-dashboard")
    no_axe_violations(page)

    page.locator("#id_year").select_option("2025")
    page.locator("#id_form").select_option("ForcedLabour")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url("**year=2025**")
    sex_table = page.locator('table[data-figure="victims_by_sex"]').inner_text()
    assert "<5" in sex_table or "0" in sex_table
    screenshot(page, "figures-filtered")
    no_axe_violations(page)

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV").click()
    assert csv_download.value.suggested_filename == "figures-2025.csv"

    page.get_by_role("button", name="TIP report figures").click()
    tip = "US Trafficking in Persons report questionnaire, {}"
    page.get_by_role("heading", name=tip.format(2025), level=1).wait_for()
    page.locator("#id_year").select_option("2024")
    page.get_by_role("button", name="Show year").click()
    page.get_by_role("heading", name=tip.format(2024), level=1).wait_for()
    page.locator("#id_year").select_option("2025")
    page.get_by_role("button", name="Show year").click()
    page.get_by_role("heading", name=tip.format(2025), level=1).wait_for()
    assert "Not recorded in Harbourline yet" in page.locator("main").inner_text()
    screenshot(page, "figures-tip")
    no_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert download.value.suggested_filename == "tip-2025-suppressed.xlsx"
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert "<5" in cells
    assert all(not isinstance(c, int) or c == 0 or c >= 5 for c in cells)
