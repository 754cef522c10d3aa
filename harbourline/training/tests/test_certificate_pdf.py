"""The certificate PDF holds the participant's name and the verification code; the ZIP one PDF each."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.utils import timezone

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user
from harbourline.training.certificate_pdf import (
    certificate_pdf,
    certificates_zip,
    fits_core_font,
    transliterate,
)
from harbourline.training.models import Certificate

pytestmark = pytest.mark.django_db

URL = "https://harbourline.invalid/training/verify/ABCDE-FGHJK/"


def _certificate(name: str, code: str = "ABCDE-FGHJK") -> Certificate:
    return Certificate(
        code=code,
        participant_name=name,
        workshop_title="Identification and referral for border officials",
        dates_text="10 March 2026 to 11 March 2026",
        modules_text="Identification and indicators\nReferral procedures",
        venue_text="Vieux Fort Town Hall, Vieux Fort",
        issued_at=timezone.now(),
    )


def _text_of(pdf: bytes) -> str:
    """Uncompressed PDF with a core font: the text stands in the content stream as (literal) strings."""
    return pdf.decode("latin-1")


def test_the_pdf_shows_the_name_and_the_verification_code() -> None:
    pdf = certificate_pdf(_certificate("Marcia Jn Baptiste"), verify_url=URL, compress=False)
    assert pdf.startswith(b"%PDF")
    text = _text_of(pdf)
    assert "(Marcia Jn Baptiste)" in text
    assert "Verification code: ABCDE-FGHJK" in text


def test_a_latin_1_name_with_accents_prints_as_it_is() -> None:
    """'Kwéyòl' fits the core fonts (Latin-1): no substitution."""
    assert fits_core_font("Théodore Kwéyòl")
    text = _text_of(certificate_pdf(_certificate("Théodore Kwéyòl"), verify_url=URL, compress=False))
    assert "(Th\xe9odore Kw\xe9y\xf2l)" in text


def test_a_name_outside_latin_1_is_transliterated_when_no_unicode_font_is_used() -> None:
    assert transliterate("Łukasz") == "?ukasz"
    assert transliterate("Dvořák") == "Dvorák"
    assert transliterate("Tomasz \u2019") == "Tomasz '"


def test_a_name_outside_latin_1_still_gives_a_pdf() -> None:
    from harbourline.training.certificate_pdf import DEJAVU

    pdf = certificate_pdf(_certificate("Dvořák Łucja"), verify_url=URL)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    if DEJAVU.exists():  # the name is set in the embedded DejaVu font, the rest stays in the core font
        assert b"DejaVu" in pdf and b"/Helvetica" in pdf


def test_the_zip_holds_one_pdf_per_certificate() -> None:
    from harbourline.training import services

    from .factories import answer, attend_all, build_tests, make_workshop

    trainer = make_user([Role.TRAINER])
    workshop = make_workshop(trainer, sessions=2, participants=3)
    build_tests(trainer, workshop)
    attend_all(trainer, workshop)
    posts = workshop.test_items.filter(kind="post").count()
    for reg in workshop.registrations.all():
        answer(trainer, reg, "post", right=posts)
    certs = services.certificates_issue(actor=trainer, workshop=workshop)
    data = certificates_zip(certs, verify_url_for=lambda c: f"https://x.invalid/{c.code}/")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert len(names) == 3 == len({c.code for c in certs})
        for cert in certs:
            member = next(n for n in names if cert.code in n)
            assert archive.read(member).startswith(b"%PDF")


def test_the_qr_code_is_in_the_pdf(monkeypatch: Any) -> None:
    """Drawn as vector squares: one filled rectangle per run of dark modules, in the QR code's own pattern."""
    from harbourline.training.certificate_pdf import qr_runs

    pdf = certificate_pdf(_certificate("Ann Lee"), verify_url=URL, compress=False)
    modules, runs = qr_runs(URL)
    assert modules >= 21 and len(runs) > 50
    assert pdf.count(b" re f") >= len(runs)
    other = certificate_pdf(_certificate("Ann Lee"), verify_url=URL.replace("ABCDE", "ZZZZZ"), compress=False)
    assert qr_runs(URL.replace("ABCDE", "ZZZZZ"))[1] != runs and other != pdf


def test_the_unicode_font_is_parsed_and_subset_once_per_process(monkeypatch: Any) -> None:
    """Parsing DejaVu took most of a certificate's half second: it happens once, not per document."""
    from fontTools import subset as ftsubset
    from fpdf import fonts

    from harbourline.training.certificate_pdf import DEJAVU

    if not DEJAVU.exists():
        pytest.skip("no DejaVu font on this system")
    certificate_pdf(_certificate("Dvořák Łucja"), verify_url=URL)  # warm: the font is prepared here
    parsed: list[object] = []
    full_subsets: list[object] = []
    real_init, real_populate = fonts.TTFFont.__init__, ftsubset.Subsetter.populate

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        parsed.append(args)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(fonts.TTFFont, "__init__", init)

    def populate(self: Any, *args: Any, **kwargs: Any) -> None:
        full_subsets.append(kwargs)
        real_populate(self, *args, **kwargs)

    monkeypatch.setattr(ftsubset.Subsetter, "populate", populate)
    for name in ("Łucja Nowak", "Zdeněk Dvořák", "Ærøskøbing Łucja"):
        pdf = certificate_pdf(_certificate(name), verify_url=URL, compress=False)
        assert b"DejaVu" in pdf
    assert parsed == []
    assert len(full_subsets) == 3  # only the small per-document subset of the glyphs used


def test_the_unicode_name_keeps_every_letter(monkeypatch: Any) -> None:
    from harbourline.training.certificate_pdf import DEJAVU

    if not DEJAVU.exists():
        pytest.skip("no DejaVu font on this system")
    pdf = certificate_pdf(_certificate("Łucja Dvořák"), verify_url=URL, compress=False)
    # The text map (ToUnicode) names every letter of the name, so it can be searched and copied.
    for char in "ŁucjaDvořák":
        assert f"{ord(char):04X}".encode() in pdf
    assert b"MPDFAA+DejaVu" in pdf
