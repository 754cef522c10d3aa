"""Fixtures shared by every app's tests: personas and a signed-in client."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from harbourline.accounts.models import Agency, User
from harbourline.accounts.tests.factories import AgencyFactory, make_user, sign_in


@pytest.fixture(autouse=True)
def fresh_cache() -> Any:
    """An empty cache before and after every test: rate limits counted by one test (the tip burst, say) do
    not leak into the next. With the database cache (no REDIS_URL), a test without database access cannot
    reach the cache either, so there is nothing to clear."""
    from django.core.cache import cache

    def clear() -> None:
        with contextlib.suppress(RuntimeError):  # pytest-django: this test has no database access
            cache.clear()

    clear()
    yield
    clear()


@pytest.fixture
def agency(db: Any) -> Agency:
    return AgencyFactory.create(name="Department of Human Services (test)")


@pytest.fixture
def other_agency(db: Any) -> Agency:
    return AgencyFactory.create(name="Other Agency (test)")


@pytest.fixture
def user_factory(db: Any) -> Callable[..., User]:
    return make_user


@pytest.fixture
def signed_in(db: Any) -> Callable[[User], Client]:
    """``signed_in(user)`` returns a fresh test client logged in as ``user`` with the second factor passed."""

    def _client(user: User) -> Client:
        return sign_in(Client(), user)

    return _client
