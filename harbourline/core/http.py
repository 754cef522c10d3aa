"""Small HTTP helpers shared by the apps."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

_UNSAFE = re.compile(r"[^A-Za-z0-9 ._()+,-]")


def ascii_fallback(filename: str) -> str:
    """The name in plain ASCII for old clients: accents dropped, anything else (quotes, slashes, control
    characters, other scripts) replaced by '_'."""
    decomposed = unicodedata.normalize("NFKD", filename)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = _UNSAFE.sub("_", plain).strip(" .")
    return cleaned[:150] or "download"


def content_disposition(filename: str) -> str:
    """Always a download (never shown inline), with the RFC 6266 / RFC 5987 ``filename*`` for any script."""
    return f"attachment; filename=\"{ascii_fallback(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def as_download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
