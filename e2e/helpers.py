"""Steps shared by the browser journeys."""

from __future__ import annotations

from typing import Any

from harbourline.accounts.models import User
from harbourline.accounts.tests.factories import TEST_PASSWORD, current_totp


def log_in(page: Any, base_url: str, user: User, password: str = TEST_PASSWORD) -> None:
    """Log in through the real pages: username and password, then the authenticator code."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code").fill(current_totp(user))
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/home/")
