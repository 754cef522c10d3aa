"""The campaign officer's home panel: what on the public site is waiting for them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from harbourline.accounts.permissions import Perm
from harbourline.core.registry import HomePanel, register_panel

from .selectors import page_list_for_manage, pages_needing_review
from .translations import strings_needing_review


def _public_site(request: HttpRequest) -> dict[str, Any]:
    rows = page_list_for_manage()
    drafts = sum(1 for row in rows for state in row["languages"] if state.has_newer_draft)
    return {
        "draft_count": drafts,
        "page_review_count": len(pages_needing_review()),
        "string_review_count": sum(len(entries) for entries in strings_needing_review().values()),
    }


register_panel(
    HomePanel("public_site", "public/panels/public_site.html", (Perm.CAMPAIGN_MANAGE,), _public_site, 40)
)
