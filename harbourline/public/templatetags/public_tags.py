"""Template helpers for every public page (the public app's and the tip line's)."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language

from harbourline.public.sections import DEFAULT_EXIT_URL, PUBLIC_LANGUAGES, Section

register = template.Library()


def public_language() -> str:
    """The current language if the public site speaks it, else English."""
    code = (get_language() or "en").split("-")[0]
    return code if code in PUBLIC_LANGUAGES else "en"


@register.simple_tag
def exit_url() -> str:
    """Where "Exit this page" goes: a neutral, non-government site (setting HARBOURLINE_PUBLIC_EXIT_URL)."""
    return str(getattr(settings, "HARBOURLINE_PUBLIC_EXIT_URL", DEFAULT_EXIT_URL))


@register.simple_tag
def public_lang() -> str:
    return public_language()


def _rest_of_path(request: HttpRequest) -> str | None:
    """For a page under /<lang>/, the path after the language segment; None for other pages."""
    match = getattr(request, "resolver_match", None)
    lang = match.kwargs.get("lang") if match else None
    prefix = f"/{lang}/"
    if lang and request.path.startswith(prefix):
        return request.path[len(prefix) :]
    return None


@register.simple_tag(takes_context=True)
def language_next(context: dict[str, Any]) -> str:
    """Where the language switcher returns: the same page, in the language just chosen."""
    request: HttpRequest = context["request"]
    rest = _rest_of_path(request)
    if rest is None:
        return request.get_full_path()
    return reverse("public:in_my_language", kwargs={"rest": rest}) if rest else reverse("public:root")


@register.simple_tag(takes_context=True)
def alternate_links(context: dict[str, Any]) -> list[dict[str, str]]:
    """The same page in each language (for <link rel="alternate" hreflang>), on pages under /<lang>/."""
    request: HttpRequest = context["request"]
    rest = _rest_of_path(request)
    if rest is None:
        return []
    links = [
        {"code": code, "url": request.build_absolute_uri(f"/{code}/{rest}")} for code in PUBLIC_LANGUAGES
    ]
    neutral = reverse("public:in_my_language", kwargs={"rest": rest}) if rest else reverse("public:root")
    return [*links, {"code": "x-default", "url": request.build_absolute_uri(neutral)}]


@register.simple_tag
def public_nav() -> list[dict[str, str]]:
    lang = public_language()
    return [
        {
            "label": str(section.label),
            "url": reverse("public:page", kwargs={"lang": lang, "slug": section.value}),
        }
        for section in Section
    ]
