"""Issue 8, defect 7: a value typed into a form is never taken for a ciphertext, and a ciphertext copied from
one row to another does not decrypt there (the associated data names the row's random key)."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core.checks import run_checks
from django.db import connection
from django.urls import reverse

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user
from harbourline.cases.models import Case, Person
from harbourline.cases.tests.factories import make_case
from harbourline.crypto.aead import DecryptionError
from harbourline.crypto.fields import EncryptedTextField, SealedRowModel, encrypted_fields

pytestmark = pytest.mark.django_db


def _stored(table: str, column: str, pk: int) -> str:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {qn(column)} FROM {qn(table)} WHERE id = %s", [pk])  # noqa: S608
        value: str = cursor.fetchone()[0]
    return value


def test_a_pasted_ciphertext_is_kept_as_typed_and_never_shows_the_other_cases_name(signed_in: Any) -> None:
    agency = AgencyFactory.create()
    worker = make_user([Role.SUPERVISOR], agency=agency)
    theirs = make_case(worker, family_name="Quillfeather")
    mine = make_case(worker, family_name="Doe")
    token = _stored("cases_person", "family_name", theirs.person_id)
    assert token.startswith("hl")

    client = signed_in(worker)
    url = reverse("cases:person_edit", args=[mine.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["date_of_birth"] = ""
    data.update(family_name=token, version=mine.version)
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    person = Person.objects.get(pk=mine.person_id)
    assert person.family_name != "Quillfeather"
    page = client.get(reverse("cases:identity", args=[mine.pk]))
    assert b"Quillfeather" not in page.content


def test_a_ciphertext_assigned_in_python_is_text_not_a_value_to_open() -> None:
    worker = make_user([Role.SUPERVISOR], agency=AgencyFactory.create())
    theirs = make_case(worker, family_name="Quillfeather")
    mine = make_case(worker)
    person = Person.objects.get(pk=mine.person_id)
    person.family_name = _stored("cases_person", "family_name", theirs.person_id)
    person.full_clean()
    person.save()
    person = Person.objects.get(pk=mine.person_id)
    assert "Quillfeather" not in person.family_name


def test_a_ciphertext_copied_to_another_row_does_not_decrypt() -> None:
    worker = make_user([Role.SUPERVISOR], agency=AgencyFactory.create())
    theirs = make_case(worker, family_name="Quillfeather")
    mine = make_case(worker)
    token = _stored("cases_person", "family_name", theirs.person_id)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_person SET family_name = %s WHERE id = %s", [token, mine.person_id])
    person = Person.objects.get(pk=mine.person_id)
    with pytest.raises(DecryptionError):
        _ = person.family_name
    assert Person.objects.get(pk=theirs.person_id).family_name == "Quillfeather"


def test_every_model_with_encrypted_fields_binds_them_to_its_rows() -> None:
    with_fields = [m for m in apps.get_models() if encrypted_fields(m)]
    assert Person in with_fields and Case in with_fields
    for model in with_fields:
        assert issubclass(model, SealedRowModel), model._meta.label
    assert not [m for m in run_checks() if m.id == "harbourline.crypto.E002"]


def test_a_model_with_encrypted_fields_but_no_row_key_fails_the_system_check() -> None:
    from django.db import models

    from harbourline.crypto.checks import encrypted_models_bind_rows

    class Loose(models.Model):
        secret = EncryptedTextField()

        class Meta:
            app_label = "crypto"

        def __str__(self) -> str:
            return "loose"

    try:
        errors = encrypted_models_bind_rows(None)
    finally:
        apps.all_models["crypto"].pop("loose", None)
        apps.clear_cache()
    assert [e.id for e in errors] == ["harbourline.crypto.E002"]


def _unbind(pk: int) -> None:
    """Turn a person's stored values back into the older column-only tokens (as before row binding) and give
    the row the same key as every other row (as the migration's AddField does)."""
    from harbourline.crypto.aead import decrypt_text, encrypt_text
    from harbourline.crypto.fields import row_context

    person = Person.objects.get(pk=pk)
    with connection.cursor() as cursor:
        for field in encrypted_fields(Person):
            cursor.execute(f"SELECT {field.column} FROM cases_person WHERE id = %s", [pk])  # noqa: S608
            token = cursor.fetchone()[0]
            if not token:
                continue
            plain = decrypt_text(token, context=row_context(field.encryption_context, person.row_key))
            legacy = encrypt_text(plain, context=field.encryption_context)
            assert legacy.startswith("hl1:")
            cursor.execute(f"UPDATE cases_person SET {field.column} = %s WHERE id = %s", [legacy, pk])  # noqa: S608
    Person.objects.filter(pk=pk).update(row_key="00000000-0000-4000-8000-000000000000")


def _tokens() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT given_names, family_name, document_number FROM cases_person")
        return [t for row in cursor.fetchall() for t in row if t]


def test_the_migration_gives_each_row_its_own_key_and_reseals_older_values() -> None:
    from harbourline.crypto.rotation import reseal_app

    worker = make_user([Role.SUPERVISOR], agency=AgencyFactory.create())
    a, b = make_case(worker, family_name="Quillfeather"), make_case(worker, family_name="Zephyr")
    _unbind(a.person_id)
    _unbind(b.person_id)
    assert {t[:4] for t in _tokens()} == {"hl1:"}
    reseal_app(apps, "cases")
    assert {t[:4] for t in _tokens()} == {"hl2:"}
    first, second = Person.objects.get(pk=a.person_id), Person.objects.get(pk=b.person_id)
    assert first.row_key != second.row_key
    assert (first.family_name, second.family_name) == ("Quillfeather", "Zephyr")
    assert first.document_number == "R1234567"


def test_rotate_keys_reseals_older_values_for_their_rows() -> None:
    import io

    from django.core.management import call_command

    worker = make_user([Role.SUPERVISOR], agency=AgencyFactory.create())
    case = make_case(worker, family_name="Quillfeather")
    _unbind(case.person_id)
    with pytest.raises(DecryptionError, match="rotate_keys"):
        _ = Person.objects.get(pk=case.person_id).family_name
    call_command("rotate_keys", "--quiet", stdout=io.StringIO())
    assert {t[:4] for t in _tokens()} == {"hl2:"}
    assert Person.objects.get(pk=case.person_id).family_name == "Quillfeather"
