"""Certificates as PDF (fpdf2) with a QR code (segno) to the public verification page, and ZIPs of them.

Core PDF fonts cover Latin-1 (so "Kwéyòl" and "Jn Baptiste" print as they are). For a name outside Latin-1 the
DejaVu font is used when the system has it; otherwise the name is transliterated (accents dropped) rather than
failing.
"""

from __future__ import annotations

import io
import logging
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import segno
from fpdf import FPDF

from harbourline.country.selectors import active_profile

from .models import Certificate

logging.getLogger("fontTools").setLevel(logging.WARNING)  # its subsetter logs every table at INFO

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def fits_core_font(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def transliterate(text: str) -> str:
    """Keep what Latin-1 can print; drop accents from the rest; replace what is left with '?'."""
    out = []
    for char in text:
        if fits_core_font(char):
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
        base = "".join(c for c in base if not unicodedata.combining(c))
        out.append(
            base or {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"}.get(char, "?")
        )
    return "".join(out)


@lru_cache(maxsize=64)
def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


class _Writer:
    """Picks the font line by line: the core font when the text fits Latin-1 (fast, nothing embedded), else
    DejaVu when the system has it (loaded only for the styles used), else the core font with the text
    transliterated."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.loaded: set[str] = set()
        self.unicode_ok = DEJAVU.exists() and DEJAVU_BOLD.exists()

    def font(self, style: str, size: float, text: str) -> str:
        if fits_core_font(text):
            self.pdf.set_font("Helvetica", style, size)
            return text
        if not self.unicode_ok:
            self.pdf.set_font("Helvetica", style, size)
            return transliterate(text)
        if style not in self.loaded:
            self.pdf.add_font("DejaVu", style, str(DEJAVU_BOLD if style == "B" else DEJAVU))
            self.loaded.add(style)
        self.pdf.set_font("DejaVu", style, size)
        return text

    def cell(
        self,
        xy: tuple[float, float],
        style: str,
        size: float,
        text: str,
        w: float = 257,
        h: float = 8,
        align: str = "C",
    ) -> None:
        text = self.font(style, size, text)
        self.pdf.set_xy(*xy)
        self.pdf.cell(w, h, text, align=align)

    def block(
        self,
        x: float,
        y: float | None,
        style: str,
        size: float,
        text: str,
        w: float,
        h: float,
        align: str = "C",
    ) -> None:
        text = self.font(style, size, text)
        self.pdf.set_xy(x, self.pdf.get_y() + 3 if y is None else y)
        self.pdf.multi_cell(w, h, text, align=align)


def certificate_pdf(cert: Certificate, *, verify_url: str, compress: bool = True) -> bytes:
    """One A4 landscape certificate. ``verify_url`` is the full address of its public verification page."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_auto_page_break(False)
    pdf.set_title(f"Certificate {cert.code}")
    pdf.set_creator("Harbourline")
    out = _Writer(pdf)
    pdf.add_page()
    pdf.set_draw_color(20, 70, 110)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    country = active_profile().get("name", "")
    out.cell((20, 20), "B", 12, f"National counter-trafficking training programme - {country}")
    out.cell((20, 38), "B", 30, "Certificate of completion", h=14)
    out.cell((20, 58), "", 13, "This certifies that")
    out.cell((20, 68), "B", 24, cert.participant_name, h=12)
    out.cell((20, 84), "", 13, "took part in and completed")
    out.block(30, 94, "B", 16, cert.workshop_title, w=237, h=8)
    out.block(30, pdf.get_y(), "", 12, f"{cert.dates_text} - {cert.venue_text}", w=237, h=7)
    out.block(30, None, "", 10, "Modules: " + "; ".join(cert.module_list()), w=180, h=5.5, align="L")
    pdf.image(io.BytesIO(qr_png(verify_url)), x=235, y=148, w=40, h=40)
    out.cell((30, 172), "", 10, f"Verification code: {cert.code}", w=190, h=6, align="L")
    out.cell((30, 178), "", 10, f"Check it at {verify_url}", w=190, h=6, align="L")
    out.cell((30, 184), "", 10, f"Issued {cert.issued_at:%d %B %Y}", w=190, h=6, align="L")
    return bytes(pdf.output())


def certificates_zip(
    certs: Iterable[Certificate],
    *,
    verify_url_for: object,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """All the given certificates as one ZIP, one PDF each, named by number and code. ``progress(done, total)``
    is called after each one (the background job shows it)."""
    certs = list(certs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for done, cert in enumerate(certs, start=1):
            url = verify_url_for(cert)  # type: ignore[operator]
            name = f"certificate-{cert.registration.number:03d}-{cert.code}.pdf"
            archive.writestr(name, certificate_pdf(cert, verify_url=url))
            if progress is not None:
                progress(done, len(certs))
    return buffer.getvalue()
