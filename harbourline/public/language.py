"""Activate the language of the URL segment for one request of the public site."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from .sections import PUBLIC_LANGUAGES

PUBLIC_CACHE_SECONDS = 300
ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


def speak(request: HttpRequest, lang: str) -> str:
    """Answer this request in ``lang`` if the public site speaks it, else in English; returns the language."""
    code = lang if lang in PUBLIC_LANGUAGES else "en"
    translation.activate(code)
    request.LANGUAGE_CODE = code  # type: ignore[attr-defined]
    return code


def in_url_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The page speaks the language in its URL; anonymous reads may be kept by caches for five minutes."""

    @wraps(view)
    def wrapper(request: HttpRequest, lang: str, *args: Any, **kwargs: Any) -> HttpResponse:
        code = speak(request, lang)
        response = view(request, *args, lang=code, **kwargs)
        response["Content-Language"] = code
        return mark_cacheable(request, response)

    return wrapper


def mark_private(response: ResponseT, code: str) -> ResponseT:
    """A page no cache may keep (it carries a form key, a token or what the visitor typed), in language ``code``."""
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = code
    return response


def mark_cacheable(request: HttpRequest, response: ResponseT) -> ResponseT:
    user = getattr(request, "user", None)
    if request.method == "GET" and response.status_code == 200 and not (user and user.is_authenticated):
        response["Cache-Control"] = f"public, max-age={PUBLIC_CACHE_SECONDS}"
    return response


def visitor_language(request: HttpRequest) -> str:
    """The visitor's language from the language cookie or the browser's Accept-Language, else English."""
    code = translation.get_language_from_request(request)
    code = (code or "en").split("-")[0]
    return code if code in PUBLIC_LANGUAGES else "en"
