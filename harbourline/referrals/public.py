"""The kinds of service in the public site's languages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PUBLIC_CATEGORY_LABELS = {
    "shelter": _("Housing and shelter"),
    "counselling": _("Counselling"),
    "medical": _("Medical care"),
    "legal": _("Legal help"),
    "interpretation": _("Interpretation"),
    "education_employment": _("Education, training and work"),
    "immigration": _("Immigration status and work permits"),
    "social_benefits": _("Social benefits"),
    "repatriation": _("Going home safely"),
    "family_tracing": _("Finding and contacting family"),
    "financial": _("Money to live on"),
    "other": _("Other help"),
}


def category_label(code: str) -> str:
    return str(PUBLIC_CATEGORY_LABELS.get(code, PUBLIC_CATEGORY_LABELS["other"]))
