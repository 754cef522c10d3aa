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


LANGUAGE_MARK = "~"  # stands for the language segment in a language-neutral address: /site/report/~/status/


def _neutral_rest(request: HttpRequest) -> str | None:
    """For a page with a language segment, its address after /site/ without the language; None for others.

    /es/signs/ gives "signs/"; a page with the language further in, /report/es/status/, gives "report/~/status/".
    """
    match = getattr(request, "resolver_match", None)
    lang = match.kwargs.get("lang") if match else None
    if not lang:
        return None
    if request.path.startswith(f"/{lang}/"):
        return request.path[len(lang) + 2 :]
    segment = f"/{lang}/"
    if segment in request.path:
        return request.path.replace(segment, f"/{LANGUAGE_MARK}/", 1).lstrip("/")
    return None


def _neutral_url(rest: str) -> str:
    return reverse("public:in_my_language", kwargs={"rest": rest}) if rest else reverse("public:root")


def in_language(rest: str, code: str) -> str:
    """The address of a language-neutral ``rest`` in language ``code`` (a path on this site)."""
    rest = rest.lstrip("/\\")
    if rest.startswith(f"{LANGUAGE_MARK}/") or f"/{LANGUAGE_MARK}/" in rest:
        return "/" + rest.replace(LANGUAGE_MARK, code, 1)
    return f"/{code}/{rest}"


@register.simple_tag(takes_context=True)
def language_next(context: dict[str, Any]) -> str:
    """Where the language switcher returns: the same page, in the language just chosen."""
    request: HttpRequest = context["request"]
    rest = _neutral_rest(request)
    return request.get_full_path() if rest is None else _neutral_url(rest)


@register.simple_tag(takes_context=True)
def alternate_links(context: dict[str, Any]) -> list[dict[str, str]]:
    """The same page in each language (for <link rel="alternate" hreflang>), on pages with a language segment."""
    request: HttpRequest = context["request"]
    rest = _neutral_rest(request)
    if rest is None:
        return []
    links = [
        {"code": code, "url": request.build_absolute_uri(in_language(rest, code))}
        for code in PUBLIC_LANGUAGES
    ]
    return [*links, {"code": "x-default", "url": request.build_absolute_uri(_neutral_url(rest))}]


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
