"""Deployment checks of the training app (run by ``manage.py check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def public_url_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Certificates print a link and a QR code to the public verification page: its address must be the one
    the public reaches, set in HARBOURLINE_PUBLIC_URL, never whatever host a trainer reached the site by."""
    url = settings.HARBOURLINE_PUBLIC_URL
    if not url:
        return [
            Warning(
                "HARBOURLINE_PUBLIC_URL is not set: certificate links would use the host each trainer "
                "reached the site by.",
                hint="Set HARBOURLINE_PUBLIC_URL to the public address, for example https://harbourline.gov.lc",
                id="harbourline.training.W001",
            )
        ]
    if not url.startswith("https://"):
        return [
            Warning(
                "HARBOURLINE_PUBLIC_URL should start with https://",
                hint="Certificates are checked from phones on the open internet.",
                id="harbourline.training.W002",
            )
        ]
    return []
