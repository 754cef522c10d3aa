from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def officer(db: Any) -> User:
    return make_user([Role.CAMPAIGN_OFFICER], username="officer")
