"""Security properties 17 and 26 on real case data: nothing identifying in a database dump, key rotation
re-encrypts everything, and a restored backup stays readable with the keys."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from PIL import Image

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user
from harbourline.crypto import keys
from harbourline.crypto.aead import blob_key_id, token_key_id

from .. import services
from ..models import Case, Person
from ..selectors import CaseSearch, case_list_for_user
from .factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)
MARKERS = ("Zephyrine", "Quillfeather", "XQ998877")


def _planted() -> tuple[Any, Case]:
    supervisor = make_user([Role.SUPERVISOR], agency=AgencyFactory.create())
    return supervisor, make_case(
        supervisor, given_names="Zephyrine", family_name="Quillfeather", document_number="XQ998877"
    )


def test_a_pg_dump_holds_no_planted_identity_and_search_still_finds_it() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump needs PostgreSQL (the SQLite file test covers SQLite)")
    supervisor, case = _planted()
    s = connection.settings_dict
    dump = subprocess.run(
        [
            "pg_dump",
            "--host",
            s.get("HOST") or "127.0.0.1",
            "--port",
            str(s.get("PORT") or 5432),
            "--username",
            s["USER"],
            "--data-only",
            s["NAME"],
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PGPASSWORD": s.get("PASSWORD") or ""},
    ).stdout
    assert b"LC-2026-0001" in dump  # the dump is real and has the case
    for marker in MARKERS:
        assert marker.encode() not in dump
    found = case_list_for_user(supervisor, CaseSearch(name="zephyrine quillfeather"))
    assert [c.pk for c in found] == [case.pk]


@pytest.fixture
def key_file(tmp_path: Path, settings: Any) -> Any:
    path = tmp_path / "keys.json"
    keys.write_key_file(path)
    settings.HARBOURLINE_KEY_FILE = str(path)
    settings.MEDIA_ROOT = tmp_path / "media"
    keys.reset_keyring_cache()
    yield path
    keys.reset_keyring_cache()


def test_rotate_keys_re_encrypts_every_value_and_file_under_the_new_key(key_file: Path) -> None:
    supervisor, case = _planted()
    png = io.BytesIO()
    Image.new("RGB", (3, 3)).save(png, format="PNG")
    attachment = services.attachment_add(
        actor=supervisor, case=case, kind="photo", filename="a.png", data=png.getvalue()
    )
    old = keys.get_keyring().active_id
    keys.write_key_file(key_file, add_field_key=True)
    keys.reset_keyring_cache()
    new = keys.get_keyring().active_id
    assert new != old
    call_command("rotate_keys", "--quiet", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT given_names, family_name, document_number FROM cases_person")
        tokens = [t for row in cursor.fetchall() for t in row if t]
    assert tokens and {token_key_id(t) for t in tokens} == {new}
    stored = Path(key_file.parent / "media" / "attachments" / attachment.stored_name).read_bytes()
    assert blob_key_id(stored) == new
    person = Person.objects.get(pk=case.person_id)
    assert (person.given_names, person.document_number) == ("Zephyrine", "XQ998877")


def test_a_restored_backup_is_readable_with_the_keys(tmp_path: Path) -> None:
    _, case = _planted()
    path = tmp_path / "backup.db"
    call_command("backup", "--out", str(path), stdout=io.StringIO())
    Person.objects.filter(pk=case.person_id).update(given_names="")
    call_command("restore", str(path), "--yes", stdout=io.StringIO())
    assert Person.objects.get(pk=case.person_id).given_names == "Zephyrine"
