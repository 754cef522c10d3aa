"""AES-256-GCM values carry their key id, refuse tampering and wrong context; blind indexes normalise."""

from __future__ import annotations

import base64
import datetime
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.test.utils import isolate_apps

from harbourline.crypto import aead, blind, keys
from harbourline.crypto.aead import DecryptionError
from harbourline.crypto.fields import BlindIndexField, EncryptedDateField, EncryptedTextField, SealedRowModel


@pytest.fixture
def key_file(tmp_path: Path, settings: Any) -> Path:
    path = tmp_path / "keys.json"
    keys.write_key_file(path)
    settings.HARBOURLINE_KEY_FILE = str(path)
    keys.reset_keyring_cache()
    yield path
    keys.reset_keyring_cache()


def test_a_value_round_trips_and_names_its_key() -> None:
    token = aead.encrypt_text("Marie Jn Baptiste", context="cases.person.family_name")
    assert token.startswith("hl1:t1:")
    assert "Marie" not in token
    assert aead.decrypt_text(token, context="cases.person.family_name") == "Marie Jn Baptiste"


def test_the_same_value_encrypts_differently_each_time() -> None:
    assert aead.encrypt_text("x", context="c") != aead.encrypt_text("x", context="c")


def test_a_value_moved_to_another_column_does_not_decrypt() -> None:
    token = aead.encrypt_text("secret", context="cases.person.given_names")
    with pytest.raises(aead.DecryptionError):
        aead.decrypt_text(token, context="cases.person.family_name")


def test_a_tampered_value_is_refused() -> None:
    token = aead.encrypt_text("secret", context="c")
    prefix, kid, body = token.split(":")
    raw = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    raw[-1] ^= 1
    forged = f"{prefix}:{kid}:{base64.urlsafe_b64encode(bytes(raw)).decode().rstrip('=')}"
    with pytest.raises(aead.DecryptionError):
        aead.decrypt_text(forged, context="c")


def test_files_round_trip_and_carry_their_key_id() -> None:
    blob = aead.encrypt_bytes(b"%PDF-1.7 passport scan", context="attachment:7")
    assert b"passport" not in blob
    assert aead.blob_key_id(blob) == "t1"
    assert aead.decrypt_bytes(blob, context="attachment:7") == b"%PDF-1.7 passport scan"
    with pytest.raises(aead.DecryptionError):
        aead.decrypt_bytes(blob, context="attachment:8")


def test_old_values_still_decrypt_after_a_new_key_becomes_active(key_file: Path) -> None:
    old = aead.encrypt_text("before rotation", context="c")
    old_kid = aead.token_key_id(old)
    keys.write_key_file(key_file, add_field_key=True)
    keys.reset_keyring_cache()
    new = aead.encrypt_text("after rotation", context="c")
    assert aead.token_key_id(new) != old_kid
    assert aead.decrypt_text(old, context="c") == "before rotation"


def test_a_key_file_is_private_and_refuses_bad_keys(tmp_path: Path, settings: Any) -> None:
    path = tmp_path / "k.json"
    keys.write_key_file(path)
    assert path.stat().st_mode & 0o077 == 0
    data = json.loads(path.read_text())
    data["field_keys"][data["active"]] = base64.b64encode(b"too short").decode()
    path.write_text(json.dumps(data))
    settings.HARBOURLINE_KEY_FILE = str(path)
    keys.reset_keyring_cache()
    with pytest.raises(ImproperlyConfigured, match="must be 32 bytes"):
        keys.get_keyring()
    keys.reset_keyring_cache()


@pytest.mark.parametrize(
    "raw,normalised",
    [("  Jn-Baptiste,  Mérie ", "jn baptiste merie"), ("ST. ROSE", "st rose"), ("Kwéyòl", "kweyol")],
)
def test_names_are_normalised_before_indexing(raw: str, normalised: str) -> None:
    assert blind.normalise(raw) == normalised


def test_sound_alike_names_share_a_phonetic_term_but_not_an_exact_one() -> None:
    a, b = blind.name_terms("Celestine Mathurin"), blind.name_terms("Selestine Mathurin")
    phonetic = {d for k, d in a if k == "name_phonetic"} & {d for k, d in b if k == "name_phonetic"}
    exact = {d for k, d in a if k == "name"} & {d for k, d in b if k == "name"}
    assert len(phonetic) == 2
    assert len(exact) == 1  # only the surname is spelled the same


def test_document_numbers_ignore_spacing_and_case() -> None:
    assert blind.normalise_document("ab 12-345") == blind.normalise_document("AB12345") == "AB12345"


@isolate_apps("harbourline.crypto")
def test_encrypted_fields_store_tokens_and_refuse_lookups() -> None:
    class Sample(SealedRowModel):
        name = EncryptedTextField()
        born = EncryptedDateField(null=True)
        name_index = BlindIndexField(source="name", kind="name_full")

        class Meta:
            app_label = "crypto"

        def __str__(self) -> str:
            return "sample"

    name_field = Sample._meta.get_field("name")
    sample = Sample(name="Agatha Fontenelle", born=datetime.date(1990, 5, 17))
    token = name_field.pre_save(sample, True)
    assert token.startswith("hl2:") and "Agatha" not in token
    assert name_field.open_stored(token, sample.row_key) == "Agatha Fontenelle"
    with pytest.raises(DecryptionError):
        name_field.open_stored(token, uuid.uuid4())  # another row
    born_field = Sample._meta.get_field("born")
    born_token = born_field.pre_save(sample, True)
    assert born_field.open_stored(born_token, sample.row_key) == datetime.date(1990, 5, 17)
    with pytest.raises(ValueError, match="save"):
        name_field.get_prep_value("Agatha Fontenelle")  # update() cannot bind a value to its row
    with pytest.raises(FieldError, match="blind index"):
        Sample.objects.filter(name="Agatha Fontenelle").query.__str__()
    index = Sample._meta.get_field("name_index")
    assert index.digest_for("AGATHA  fontenelle") == index.digest_for("Agatha Fontenelle")
    assert index.digest_for("") == ""
