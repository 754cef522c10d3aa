from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def points(value: float | None) -> str:
    """A difference of proportions as signed percentage points: 0.2052 -> +20.5."""
    if value is None:
        return "\u2013"  # an en dash
    return f"{100 * value:+.1f}"
