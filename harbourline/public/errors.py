"""Error pages of the public site: in its own layout and language, with the emergency number and the exit button."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .language import mark_private, speak, visitor_language
from .sections import PUBLIC_LANGUAGES
from .templatetags.public_tags import in_language

# Form fields never shown back to a visitor on the "not sent" page.
HIDDEN_FIELDS = frozenset(
    {"csrfmiddlewaretoken", "idempotency_key", "website", "passphrase", "next", "language"}
)


def public_language_of(request: HttpRequest) -> str | None:
    """The language of a public-site address (/es/…, /site/…, /report/acf/…), or None for a staff address."""
    segments = [s for s in request.path.split("/") if s]
    if not segments:
        return None
    if segments[0] in PUBLIC_LANGUAGES:
        return segments[0]
    if segments[0] in ("site", "report"):
        if len(segments) > 1 and segments[1] in PUBLIC_LANGUAGES:
            return segments[1]
        return visitor_language(request)
    return None


def _language_switch_without_cookie(request: HttpRequest) -> HttpResponse | None:
    """The language switcher posted without its cookie (cookies blocked): go to the page in the chosen
    language anyway, which is all the switch would have done apart from remembering the choice."""
    if request.method != "POST" or request.path != reverse("set_language"):
        return None
    code = request.POST.get("language", "")
    target = request.POST.get("next", "")
    if code not in PUBLIC_LANGUAGES or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    site = reverse("public:root")
    if target.startswith(site):
        target = (
            in_language(target[len(site) :], code) if target != site else reverse("public:home", args=[code])
        )
    return HttpResponseRedirect(target)


def public_error_page(request: HttpRequest, kind: str) -> HttpResponse | None:
    if kind == "csrf" and (switched := _language_switch_without_cookie(request)):
        return switched
    lang = public_language_of(request)
    if lang is None:
        return None
    speak(request, lang)
    if kind == "not_found":
        response = render(request, "public/not_found.html", {"lang": lang}, status=404)
    elif kind == "csrf":
        typed = [
            value
            for key, values in request.POST.lists()
            if key not in HIDDEN_FIELDS
            for value in values
            if len(value.strip()) > 1
        ]
        response = render(request, "public/form_not_sent.html", {"lang": lang, "typed": typed}, status=403)
    else:
        return None
    return mark_private(response, lang)
