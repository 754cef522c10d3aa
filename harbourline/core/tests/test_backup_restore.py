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


def test_backup_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "backups" / "backup.db"
    call_command("backup", "--out", str(path), stdout=StringIO())
    for made in (path, Path(f"{path}.manifest.json")):
        assert made.stat().st_mode & 0o777 == 0o600, made


def _tamper(manifest: Path, change: object) -> None:
    import json

    data = json.loads(manifest.read_text())
    change(data)  # type: ignore[operator]
    manifest.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["tables"]["accounts_agency"].update(rows=99),
        lambda d: d.pop("signature"),
        lambda d: d.update(signature="0" * 64),
    ],
    ids=["altered", "unsigned", "forged"],
)
def test_restore_refuses_a_manifest_that_is_not_signed_with_the_key_file(
    tmp_path: Path, change: object
) -> None:
    admin = make_user([Role.ADMINISTRATOR])
    agency_create(actor=admin, name="Kept Agency", agency_type="ngo")
    path = tmp_path / "backup.db"
    call_command("backup", "--out", str(path), stdout=StringIO())
    agency_create(actor=admin, name="Added After Backup", agency_type="ngo")
    _tamper(Path(f"{path}.manifest.json"), change)
    with pytest.raises(CommandError, match="manifest"):
        call_command("restore", str(path), "--yes", stdout=StringIO())
    assert Agency.objects.filter(name="Added After Backup").exists()  # nothing was restored


def test_restore_refuses_a_backup_file_that_does_not_match_its_manifest(tmp_path: Path) -> None:
    admin = make_user([Role.ADMINISTRATOR])
    path = tmp_path / "backup.db"
    call_command("backup", "--out", str(path), stdout=StringIO())
    agency_create(actor=admin, name="Added After Backup", agency_type="ngo")
    with path.open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(CommandError, match="does not match"):
        call_command("restore", str(path), "--yes", stdout=StringIO())
    assert Agency.objects.filter(name="Added After Backup").exists()
