import gettext
from pathlib import Path

import pytest

from harbourline.public.translations import parse_po, strings_needing_review

PO = """msgid ""
msgstr ""
"Language: es\\n"
#: a.html:1
#, fuzzy
msgid "Exit this page"
msgstr "Salir de esta página"

#, python-format
msgid "Hello %(name)s"
msgstr "Hola %(name)s"

msgid ""
"Two "
"lines"
msgstr ""
"""


def test_the_reader_sees_drafts_approved_and_missing_strings() -> None:
    entries = {e.msgid: e for e in parse_po(PO)}
    assert set(entries) == {"Exit this page", "Hello %(name)s", "Two lines"}
    assert entries["Exit this page"].status == "draft" and entries["Exit this page"].references == [
        "a.html:1"
    ]
    assert entries["Hello %(name)s"].status == "approved"
    assert entries["Two lines"].status == "missing"


@pytest.mark.parametrize("language", ["acf", "es"])
def test_every_catalogue_string_has_a_translation_and_the_compiled_file_matches(language: str) -> None:
    path = Path(__file__).resolve().parents[2] / "locale" / language / "LC_MESSAGES"
    entries = parse_po((path / "django.po").read_text(encoding="utf-8"))
    assert entries and all(entry.msgstr for entry in entries)
    with (path / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [e.msgid for e in entries if catalogue.gettext(e.msgid) != e.msgstr]
    assert stale == [], "compile again with: msgfmt --use-fuzzy -o django.mo django.po"


def test_the_launch_drafts_are_still_waiting_for_review() -> None:
    pending = strings_needing_review()
    assert {"acf", "es"} <= set(pending)
    assert any(entry.msgid == "Exit this page" for entry in pending["acf"])


def test_the_tip_lines_own_catalogue_is_reviewed_too() -> None:
    tip_catalogue = (
        Path(__file__).resolve().parents[1] / "tips" / "locale" / "acf" / "LC_MESSAGES" / "django.po"
    )
    if not tip_catalogue.exists():
        pytest.skip("the tip line has no catalogue of its own")
    tip_drafts = {e.msgid for e in parse_po(tip_catalogue.read_text(encoding="utf-8")) if e.needs_review}
    assert tip_drafts and tip_drafts <= {entry.msgid for entry in strings_needing_review()["acf"]}
