"""Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium), headless.

They are skipped, with the reason, where Chromium is not installed; `.ci/run` installs it, so in CI they run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("HARBOURLINE_CHROMIUM", "/usr/bin/chromium")
# Screenshots go outside the tracked tree unless asked: `make screenshots` sets HARBOURLINE_SCREENSHOTS to
# docs/screenshots, refreshing the pictures the guides use.
SCREENSHOTS = Path(
    os.environ.get("HARBOURLINE_SCREENSHOTS") or Path(__file__).resolve().parent / "artifacts" / "screenshots"
)
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be callable from tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if Path(CHROMIUM).exists() and shutil.which(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    """A 360 px wide phone, touch enabled."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot NAME.png (for the guides in docs/ when run by `make screenshots`)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(autouse=True)
def reference_data(transactional_db: Any) -> None:
    """What the data migrations load (screening instruments, the starter curriculum, the public site's launch
    content), put back for each browser test: transactional tests empty every table after each test."""
    from django.apps import apps

    from harbourline.cases.screening.services import instruments_load
    from harbourline.public.content.seed import seed_launch_content
    from harbourline.training.content.seed import load_starter_curriculum

    instruments_load()
    load_starter_curriculum(apps.get_model("training", "Module"), apps.get_model("training", "Question"))
    seed_launch_content(
        apps.get_model("public", "Page"),
        apps.get_model("public", "PageVersion"),
        apps.get_model("public", "Material"),
    )
