"""docs/data-dictionary.md is generated from the models; this test fails when a model changed without it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command

DICTIONARY = Path(__file__).resolve().parents[3] / "docs" / "data-dictionary.md"


def test_the_data_dictionary_matches_the_models() -> None:
    out = StringIO()
    call_command("data_dictionary", stdout=out)
    assert DICTIONARY.read_text(encoding="utf-8") == out.getvalue(), (
        "Run: .venv/bin/python manage.py data_dictionary --out docs/data-dictionary.md"
    )


def test_every_identifying_field_is_marked_encrypted() -> None:
    text = DICTIONARY.read_text(encoding="utf-8")
    for field in (
        "`given_names`",
        "`family_name`",
        "`document_number`",
        "`what_happened`",
        "`contact_phone`",
    ):
        rows = [line for line in text.splitlines() if line.startswith(f"| {field}")]
        assert rows and all("**encrypted**" in row for row in rows), field
