"""Certificates as PDF (fpdf2) with a QR code (segno) to the public verification page, and ZIPs of them.

Core PDF fonts cover Latin-1 (so "Kwéyòl" and "Jn Baptiste" print as they are). For a name outside Latin-1 the
DejaVu font is used when the system has it; otherwise the name is transliterated (accents dropped) rather than
failing.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import segno
from fpdf import FPDF

from harbourline.country.selectors import active_profile

from .models import Certificate

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


def _texts(cert: Certificate) -> list[str]:
    return [cert.participant_name, cert.workshop_title, cert.dates_text, cert.venue_text, cert.modules_text]


def certificate_pdf(cert: Certificate, *, verify_url: str, compress: bool = True) -> bytes:
    """One A4 landscape certificate. ``verify_url`` is the full address of its public verification page."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_auto_page_break(False)
    pdf.set_title(f"Certificate {cert.code}")
    pdf.set_creator("Harbourline")
    unicode_needed = not all(fits_core_font(t) for t in _texts(cert))
    if unicode_needed and DEJAVU.exists() and DEJAVU_BOLD.exists():
        pdf.add_font("DejaVu", "", str(DEJAVU))
        pdf.add_font("DejaVu", "B", str(DEJAVU_BOLD))
        family, fix = "DejaVu", (lambda s: s)
    else:
        family, fix = "Helvetica", transliterate
    pdf.add_page()
    pdf.set_draw_color(20, 70, 110)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    country = active_profile().get("name", "")
    pdf.set_font(family, "B", 12)
    pdf.set_xy(20, 20)
    pdf.cell(257, 8, fix(f"National counter-trafficking training programme - {country}"), align="C")
    pdf.set_font(family, "B", 30)
    pdf.set_xy(20, 38)
    pdf.cell(257, 14, "Certificate of completion", align="C")
    pdf.set_font(family, "", 13)
    pdf.set_xy(20, 58)
    pdf.cell(257, 8, "This certifies that", align="C")
    pdf.set_font(family, "B", 24)
    pdf.set_xy(20, 68)
    pdf.cell(257, 12, fix(cert.participant_name), align="C")
    pdf.set_font(family, "", 13)
    pdf.set_xy(20, 84)
    pdf.cell(257, 8, "took part in and completed", align="C")
    pdf.set_font(family, "B", 16)
    pdf.set_xy(30, 94)
    pdf.multi_cell(237, 8, fix(cert.workshop_title), align="C")
    pdf.set_font(family, "", 12)
    pdf.set_x(30)
    pdf.multi_cell(237, 7, fix(f"{cert.dates_text} - {cert.venue_text}"), align="C")
    pdf.set_font(family, "", 10)
    pdf.set_xy(30, pdf.get_y() + 3)
    pdf.multi_cell(180, 5.5, fix("Modules: " + "; ".join(cert.module_list())), align="L")
    pdf.image(io.BytesIO(qr_png(verify_url)), x=235, y=148, w=40, h=40)
    pdf.set_font(family, "", 10)
    pdf.set_xy(30, 172)
    pdf.cell(190, 6, f"Verification code: {cert.code}")
    pdf.set_xy(30, 178)
    pdf.cell(190, 6, fix(f"Check it at {verify_url}"))
    pdf.set_xy(30, 184)
    pdf.cell(190, 6, f"Issued {cert.issued_at:%d %B %Y}")
    return bytes(pdf.output())


def certificates_zip(certs: Iterable[Certificate], *, verify_url_for: object) -> bytes:
    """All the given certificates as one ZIP, one PDF each, named by number and code."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for cert in certs:
            url = verify_url_for(cert)  # type: ignore[operator]
            name = f"certificate-{cert.registration.number:03d}-{cert.code}.pdf"
            archive.writestr(name, certificate_pdf(cert, verify_url=url))
    return buffer.getvalue()
