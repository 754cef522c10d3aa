"""Certificates as PDF (fpdf2) with a QR code (segno) to the public verification page, and ZIPs of them.

Core PDF fonts cover Latin-1 (so "Kwéyòl" and "Jn Baptiste" print as they are). For a name outside Latin-1 the
DejaVu font is used when the system has it; otherwise the name is transliterated (accents dropped) rather than
failing.

Speed: parsing DejaVu (6,000 glyphs) took most of a certificate's time. The font is now cut once per process
to the Unicode blocks a document needs (128 code points each, Latin-1 always included) and parsed once per
block set; each document then gets a copy of that parsed font with its own glyph map, so only the small
per-document subset of the glyphs actually printed is left to do. The QR code is drawn as vector squares,
not encoded as a PNG and decoded again.
"""

from __future__ import annotations

import copy
import io
import logging
import threading
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import segno
from fontTools import subset as ftsubset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

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


def qr_runs(url: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR code of ``url`` as (size in modules, [(row, first column, length)] of dark runs).

    The mask is fixed (pattern 0, which any reader accepts): trying all eight to score them took most of the
    QR code's time."""
    matrix = segno.make(url, error="m", mask=0, micro=False).matrix
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((y, start, x - start))
            else:
                x += 1
    return len(matrix), runs


def draw_qr(pdf: FPDF, url: str, *, x: float, y: float, size: float) -> None:
    """Draw the QR code as filled squares (a quiet zone of two modules around it), black on white."""
    modules, runs = qr_runs(url)
    step = size / (modules + 4)
    pdf.set_fill_color(0, 0, 0)
    for row, col, length in runs:
        pdf.rect(x + (col + 2) * step, y + (row + 2) * step, length * step, step, style="F")


# --- The unicode font, prepared once per process --------------------------------------------------------

PAGE = 128  # code points per block
_prepare_lock = threading.Lock()


def _pages(text: str) -> frozenset[int]:
    return frozenset(ord(c) // PAGE for c in text if not fits_core_font(c))


@lru_cache(maxsize=32)
def _font_template(style: str, pages: frozenset[int]) -> tuple[TTFFont, bytes]:
    """DejaVu cut to Latin-1 and the given blocks (no hinting, no layout tables, one cmap), and parsed: the
    parsed font is the template each document copies. Cached per process."""
    with _prepare_lock:
        font = TTFont(str(DEJAVU_BOLD if style == "B" else DEJAVU))
        wanted = set(range(0x20, 0x100)) | {c for p in pages for c in range(p * PAGE, (p + 1) * PAGE)}
        options = ftsubset.Options(
            notdef_outline=True,
            recommended_glyphs=True,
            glyph_names=True,
            hinting=False,
            layout_features=[],
            legacy_kern=False,
        )
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM", "hdmx", "MATH"]
        subsetter = ftsubset.Subsetter(options)
        subsetter.populate(unicodes=wanted & set(font.getBestCmap()))
        subsetter.subset(font)
        cmap = font["cmap"]
        bmp = all(p * PAGE < 0x10000 for p in pages)
        cmap.tables = [t for t in cmap.tables if (t.platformID, t.platEncID) == ((3, 1) if bmp else (3, 10))]
        buffer = io.BytesIO()
        font.save(buffer)
        data = buffer.getvalue()
        # fontTools reads a file object as well as a path; fpdf2 only types the path.
        template = TTFFont(FPDF(), io.BytesIO(data), f"dejavu{style}", style)  # type: ignore[arg-type]
    return template, data


def _add_unicode_font(pdf: FPDF, style: str, pages: frozenset[int]) -> TTFFont:
    """Give ``pdf`` its own copy of the prepared font: shared metrics, its own font file and glyph map."""
    template, data = _font_template(style, pages)
    font = copy.copy(template)
    font.i = len(pdf.fonts) + 1
    font.ttfont = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False)
    font.subset = SubsetMap(font)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    pdf.fonts[font.fontkey] = font
    return font


class _Writer:
    """Picks the font line by line: the core font when the text fits Latin-1 (fast, nothing embedded), else
    DejaVu when the system has it (prepared for the blocks of every line of the document, added only for the
    styles used), else the core font with the text transliterated. A character DejaVu lacks is
    transliterated."""

    def __init__(self, pdf: FPDF, texts: Iterable[str]) -> None:
        self.pdf = pdf
        self.loaded: dict[str, TTFFont] = {}
        self.pages = frozenset().union(*(_pages(t) for t in texts))
        self.unicode_ok = DEJAVU.exists() and DEJAVU_BOLD.exists()

    def font(self, style: str, size: float, text: str) -> str:
        if fits_core_font(text):
            self.pdf.set_font("Helvetica", style, size)
            return text
        if not self.unicode_ok:
            self.pdf.set_font("Helvetica", style, size)
            return transliterate(text)
        if style not in self.loaded:
            self.loaded[style] = _add_unicode_font(self.pdf, style, self.pages)
        cmap = self.loaded[style].cmap
        self.pdf.set_font("DejaVu", style, size)
        return "".join(c if ord(c) in cmap else transliterate(c) for c in text)

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
    country = active_profile().get("name", "")
    texts = [country, cert.participant_name, cert.workshop_title, cert.dates_text, cert.venue_text]
    out = _Writer(pdf, [*texts, *cert.module_list()])
    pdf.add_page()
    pdf.set_draw_color(20, 70, 110)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    out.cell((20, 20), "B", 12, f"National counter-trafficking training programme - {country}")
    out.cell((20, 38), "B", 30, "Certificate of completion", h=14)
    out.cell((20, 58), "", 13, "This certifies that")
    out.cell((20, 68), "B", 24, cert.participant_name, h=12)
    out.cell((20, 84), "", 13, "took part in and completed")
    out.block(30, 94, "B", 16, cert.workshop_title, w=237, h=8)
    out.block(30, pdf.get_y(), "", 12, f"{cert.dates_text} - {cert.venue_text}", w=237, h=7)
    out.block(30, None, "", 10, "Modules: " + "; ".join(cert.module_list()), w=180, h=5.5, align="L")
    draw_qr(pdf, verify_url, x=235, y=148, size=40)
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
