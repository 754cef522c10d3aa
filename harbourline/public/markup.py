"""A tiny, safe markup for page text: paragraphs, "## " headings, "- " lists and [text](link) links.

Everything is escaped; links may only go to this site (a path starting with "/") or to a telephone number.
No HTML written by an editor ever reaches a page.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LINK = re.compile(r"\[([^\]\n]{1,200})\]\(([^)\s]{1,300})\)")
SAFE_TARGET = re.compile(r"^(/(?!/)[A-Za-z0-9/_\-.#?=&%]*|tel:\+?[0-9 \-]{2,20})$")


def _inline(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in LINK.finditer(text):
        out.append(escape(text[position : match.start()]))
        label, target = match.group(1), match.group(2)
        if SAFE_TARGET.match(target):
            out.append(f'<a href="{escape(target)}">{escape(label)}</a>')
        else:
            out.append(escape(match.group(0)))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def render_markup(text: str, heading_level: int = 2) -> SafeString:
    """Text to HTML: blank lines separate blocks; a block of "- " lines is a list."""
    html: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            html.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            html.append("<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + "</ul>")
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            html.append(f"<h{heading_level}>{_inline(line[3:].strip())}</h{heading_level}>")
        elif line.startswith("- "):
            if paragraph:
                flush()
            items.append(line[2:].strip())
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return mark_safe("\n".join(html))  # every piece above is escaped
