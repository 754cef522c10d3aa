"""docs/security.md is generated from cases.policy; this test fails when the policy changed without it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from harbourline.accounts.permissions import ROLE_PERMISSIONS, Role

from ..policy import Relation, section_access

DOCUMENT = Path(__file__).resolve().parents[3] / "docs" / "security.md"


def test_the_security_document_matches_the_policy() -> None:
    out = StringIO()
    call_command("access_rules", stdout=out)
    assert DOCUMENT.read_text(encoding="utf-8") == out.getvalue(), (
        "Run: .venv/bin/python manage.py access_rules --out docs/security.md"
    )


def test_the_table_says_what_journey_4_and_the_coordinator_need() -> None:
    health = ROLE_PERMISSIONS[Role.HEALTH_PROVIDER]
    assert section_access(health, Relation.SHARED, "identity").read
    assert section_access(health, Relation.SHARED, "health").contribute
    assert not section_access(health, Relation.SHARED, "case").change
    coordinator = ROLE_PERMISSIONS[Role.NATIONAL_COORDINATOR]
    assert not section_access(coordinator, Relation.NATIONAL, "identity").read
    assert section_access(coordinator, Relation.NATIONAL, "case").read
    administrator = ROLE_PERMISSIONS[Role.ADMINISTRATOR]
    assert not any(
        section_access(administrator, relation, section).read
        for relation in Relation
        for section in ("identity", "case", "health", "notes")
    )
