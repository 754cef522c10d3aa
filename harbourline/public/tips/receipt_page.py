"""The thank-you page after a tip, rendered once per process and language and filled in per tip.

The page is the public site's full layout around the receipt; rendering that layout through the template
engine cost a fifth of a tip POST. Everything on it but three values is the same for every reporter who
writes in one language: the receipt code, the passphrase and the language switcher's CSRF token. So the
page is rendered once with markers in their place, and each answer is the kept page with the three values
put in (escaped). A test compares the result with a fresh rendering."""

from __future__ import annotations

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


_pages: dict[tuple[str, ...], str] = {}


def _page(request: HttpRequest, language: str, danger: bool) -> str:
    """The page for this address, host and scheme (the language links are absolute), language and country."""
    key = (
        request.path,
        request.get_host(),
        request.scheme or "",
        language,
        settings.HARBOURLINE_COUNTRY,
        str(danger),
    )
    page = _pages.get(key)
    if page is None:
        context = {
            "request": request,
            "country": active_profile(),
            "csrf_token": TOKEN_MARK,
            "lang": language,
            "reference": REFERENCE_MARK,
            "passphrase": PASSPHRASE_MARK,
            "danger": danger,
            "messages": [],
        }
        template = get_template("tips/thanks.html").template  # type: ignore[attr-defined]
        page = template.render(Context(context, autoescape=True))
        if len(_pages) >= 64:  # hosts are limited by ALLOWED_HOSTS; this only bounds the memory
            _pages.clear()
        _pages[key] = page
    return page


def cacheable(request: HttpRequest) -> bool:
    """The kept page fits a plain POST to the tip form: no query string, no message waiting to be shown."""
    pending = getattr(request, "_messages", None)
    return not request.GET and not (pending is not None and len(pending))


def thanks_page(
    request: HttpRequest, *, lang: str, reference: str, passphrase: str, danger: bool
) -> HttpResponse:
    page = _page(request, get_language() or lang, danger)
    html = (
        page.replace(REFERENCE_MARK, escape(reference))
        .replace(PASSPHRASE_MARK, escape(passphrase))
        .replace(TOKEN_MARK, escape(get_token(request)))
    )
    return HttpResponse(html)
