"""The empty tip form and the thank-you page, rendered once per process and language, filled in per visitor.

Both pages are the public site's full layout around a few values; rendering that layout through the template
engine was a fifth of a tip POST, and most of a visit to the form. All but a few values are the same for
every visitor who writes in one language: the form key, the receipt code, the passphrase and the CSRF
token. So each page is rendered once with markers in their place, and each answer is the kept page with the
values put in (escaped). Tests compare the results with a fresh rendering."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.translation import get_language

from harbourline.country.selectors import active_profile

REFERENCE_MARK = "HLMARKREFERENCE0"
PASSPHRASE_MARK = "HLMARKPASSPHRASE0"  # noqa: S105  (a marker, not a secret)
TOKEN_MARK = "HLMARKCSRFTOKEN0"  # noqa: S105
FORM_KEY_MARK = "HLMARKFORMKEY0"

_pages: dict[tuple[str, ...], str] = {}


def cacheable(request: HttpRequest) -> bool:
    """A kept page fits a plain visit: no query string, no message waiting to be shown."""
    pending = getattr(request, "_messages", None)
    return not request.GET and not (pending is not None and len(pending))


def _page(request: HttpRequest, template: str, variant: str, context: Callable[[], dict[str, Any]]) -> str:
    """The page for this template and variant, address, host and scheme (the language links are absolute),
    language and country."""
    key = (
        template,
        variant,
        request.path,
        request.get_host(),
        request.scheme or "",
        get_language() or "",
        settings.HARBOURLINE_COUNTRY,
    )
    page = _pages.get(key)
    if page is None:
        values = {"request": request, "country": active_profile(), "csrf_token": TOKEN_MARK, "messages": []}
        page = get_template(template).template.render(Context({**values, **context()}, autoescape=True))  # type: ignore[attr-defined]
        if len(_pages) >= 64:  # hosts are limited by ALLOWED_HOSTS; this only bounds the memory
            _pages.clear()
        _pages[key] = page
    return page


def _filled(request: HttpRequest, page: str, fills: dict[str, str]) -> HttpResponse:
    for mark, value in {**fills, TOKEN_MARK: get_token(request)}.items():
        page = page.replace(mark, escape(value))
    return HttpResponse(page)


def thanks_page(
    request: HttpRequest, *, lang: str, reference: str, passphrase: str, danger: bool
) -> HttpResponse:
    context = {"lang": lang, "reference": REFERENCE_MARK, "passphrase": PASSPHRASE_MARK, "danger": danger}
    page = _page(request, "tips/thanks.html", f"danger={danger}", lambda: context)
    return _filled(request, page, {REFERENCE_MARK: reference, PASSPHRASE_MARK: passphrase})


def empty_form_page(request: HttpRequest, *, lang: str, form_class: type[Any]) -> HttpResponse:
    def context() -> dict[str, Any]:
        form = form_class()
        form.initial["idempotency_key"] = FORM_KEY_MARK
        return {"form": form, "lang": lang, "danger": False}

    page = _page(request, "tips/form.html", "empty", context)
    return _filled(request, page, {FORM_KEY_MARK: str(uuid.uuid4())})
