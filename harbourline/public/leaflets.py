"""The campaign's two launch leaflets (English and Spanish), drawn with fpdf2.

They were generated once with ``manage.py build_leaflets`` into content/leaflets/ and are committed; the launch
data migration copies them into the file storage as published materials.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from fpdf import FPDF

LAUNCH_DATE = datetime.datetime(2026, 11, 28, tzinfo=datetime.UTC)
LEAFLET_DIR = Path(__file__).resolve().parent / "content" / "leaflets"

LEAFLETS: dict[str, dict[str, object]] = {
    "en": {
        "file": "know-the-signs-en.pdf",
        "title": "Human trafficking: know the signs",
        "intro": "Anyone can be tricked or forced into work or sex they did not agree to. Help is free and "
        "confidential, in your language.",
        "signs_title": "Signs to look for",
        "signs": [
            "Someone else keeps their passport or identity card.",
            "A debt to the employer or recruiter that never gets smaller.",
            "Not paid, or paid much less than promised.",
            "Cannot leave, or always watched.",
            "Afraid, or lets someone else speak for them.",
            "Anyone under 18 selling sex: this is always exploitation.",
        ],
        "call": "Someone in danger now? Call 999 or 911.",
        "hotline": "Trafficking hotline: 847 (free, 24 hours)",
        "report": "Report online without giving your name: /report/ on the campaign website.",
        "law": "The Counter-Trafficking Act, 2010 protects victims: information in their language, safe housing, "
        "medical care, counselling and legal help.",
    },
    "es": {
        "file": "senales-de-alerta-es.pdf",
        "title": "Trata de personas: conozca las señales",
        "intro": "Cualquiera puede ser engañado u obligado a trabajar o a vender sexo sin haberlo aceptado. La "
        "ayuda es gratuita y confidencial, en su idioma.",
        "signs_title": "Señales de alerta",
        "signs": [
            "Otra persona guarda su pasaporte o documento de identidad.",
            "Una deuda con el empleador o el reclutador que nunca baja.",
            "No recibe pago, o mucho menos de lo prometido.",
            "No puede irse, o siempre la vigilan.",
            "Tiene miedo, o deja que otra persona hable por ella.",
            "Cualquier menor de 18 años que vende sexo: siempre es explotación.",
        ],
        "call": "¿Alguien en peligro ahora? Llame al 999 o al 911.",
        "hotline": "Línea contra la trata: 847 (gratis, 24 horas)",
        "report": "Informe en línea sin dar su nombre: /report/ en el sitio de la campaña.",
        "law": "La Ley contra la Trata de Personas de 2010 protege a las víctimas: información en su idioma, "
        "vivienda segura, atención médica, apoyo psicológico y ayuda legal.",
    },
}


def build_leaflet(language: str) -> bytes:
    text = LEAFLETS[language]
    pdf = FPDF(format="A4")
    pdf.set_title(str(text["title"]))
    pdf.set_creator("Harbourline")
    pdf.set_creation_date(LAUNCH_DATE)  # a fixed date: the same text gives the same file
    pdf.add_page()
    pdf.set_margins(20, 20, 20)
    pdf.set_fill_color(8, 63, 99)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Helvetica", "B", 22)
    pdf.multi_cell(0, 12, str(text["title"]), fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(27, 31, 36)
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 13)
    pdf.multi_cell(0, 7, str(text["intro"]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, str(text["signs_title"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 13)
    for sign in text["signs"]:  # type: ignore[attr-defined]
        pdf.multi_cell(0, 7, f"-  {sign}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "B", 16)
    pdf.set_text_color(164, 22, 26)
    pdf.multi_cell(0, 9, str(text["call"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(8, 63, 99)
    pdf.multi_cell(0, 9, str(text["hotline"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(27, 31, 36)
    pdf.set_font("Helvetica", "", 13)
    pdf.ln(2)
    pdf.multi_cell(0, 7, str(text["report"]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 11)
    pdf.multi_cell(0, 6, str(text["law"]), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def write_leaflets(directory: Path = LEAFLET_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for language, text in LEAFLETS.items():
        path = directory / str(text["file"])
        path.write_bytes(build_leaflet(language))
        written.append(path)
    return written
