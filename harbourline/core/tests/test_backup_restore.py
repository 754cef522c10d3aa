"""Property 26: a restored database has the same rows and checksums, and its data stays readable."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Role
from harbourline.accounts.services import agency_create
from harbourline.accounts.tests.factories import make_user
from harbourline.audit.services import audit_chain_problems
from harbourline.core.backup import table_checksums

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_then_restore_gives_back_the_same_rows_and_checksums(tmp_path: Path) -> None:
    admin = make_user([Role.ADMINISTRATOR])
    agency_create(actor=admin, name="Kept Agency", agency_type="ngo")
    before = table_checksums()
    path = tmp_path / "backup.db"
    call_command("backup", "--out", str(path), stdout=StringIO())
    assert Path(f"{path}.manifest.json").exists()

    agency_create(actor=admin, name="Added After Backup", agency_type="ngo")
    Agency.objects.filter(name="Kept Agency").update(phone="changed")
    assert table_checksums() != before

    out = StringIO()
    call_command("restore", str(path), "--yes", stdout=out)
    assert "every table matches" in out.getvalue()
    assert table_checksums() == before
    assert not Agency.objects.filter(name="Added After Backup").exists()
    assert audit_chain_problems()[1] == []


def test_restore_asks_for_confirmation(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "missing.db"))
