"""Maintenance commands that need more than the runtime role connect as the owner from DATABASE_OWNER_URL."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from django.core import management

import manage

OWNER = "postgres://harbourline_owner@db.invalid/harbourline"
RUNTIME = "postgres://harbourline_app@db.invalid/harbourline"


@pytest.mark.parametrize(
    "command,expected",
    [
        ("migrate", OWNER),
        ("restore", OWNER),
        ("rotate_keys", OWNER),
        ("audit_verify", RUNTIME),
        ("check", RUNTIME),
    ],
)
def test_owner_commands_use_database_owner_url(monkeypatch: Any, command: str, expected: str) -> None:
    seen: list[str] = []
    monkeypatch.setenv("DATABASE_URL", RUNTIME)
    monkeypatch.setenv("DATABASE_OWNER_URL", OWNER)
    monkeypatch.setattr(sys, "argv", ["manage.py", command])
    monkeypatch.setattr(
        management, "execute_from_command_line", lambda argv: seen.append(manage.os.environ["DATABASE_URL"])
    )
    manage.main()
    assert seen == [expected]


def test_without_an_owner_url_every_command_uses_database_url(monkeypatch: Any) -> None:
    seen: list[str] = []
    monkeypatch.setenv("DATABASE_URL", RUNTIME)
    monkeypatch.delenv("DATABASE_OWNER_URL", raising=False)
    monkeypatch.setattr(sys, "argv", ["manage.py", "migrate"])
    monkeypatch.setattr(
        management, "execute_from_command_line", lambda argv: seen.append(manage.os.environ["DATABASE_URL"])
    )
    manage.main()
    assert seen == [RUNTIME]
