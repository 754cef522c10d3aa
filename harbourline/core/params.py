"""Reading numbers from query strings and forms without trusting them: only ASCII digits, never more than a
database integer holds. ``'²'.isdigit()`` is True but ``int('²')`` fails, and forty nines overflow a column;
both are simply 'not a number' here."""

from __future__ import annotations

import re
from typing import Any

DB_INT_MAX = 2_147_483_647
_ASCII_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_int(raw: Any, *, maximum: int = DB_INT_MAX, minimum: int = 0) -> int | None:
    """The number ``raw`` spells in ASCII digits, if it lies between minimum and maximum; else None."""
    if not isinstance(raw, str) or not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def int_param(request: Any, name: str, **bounds: int) -> int | None:
    return parse_int(request.GET.get(name, ""), **bounds)
