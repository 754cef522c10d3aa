from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

NEVER_CACHED_PREFIXES = ("/api/", "/accounts/")  # API replies; login, second factor and reset pages


class NoStoreMiddleware:
    """Staff pages, login pages and API replies must never be kept by a browser or proxy (``no-store``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith(NEVER_CACHED_PREFIXES):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


class RefuseNulMiddleware:
    """A NUL character in the address or the query string cannot be stored or searched (PostgreSQL refuses it
    in text): answer 400 with a plain page before any view sees it. Form fields refuse it themselves."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            from django.shortcuts import render

            return render(
                request,
                "core/errors/400.html",
                {"reason": "The address contains a character (NUL) that cannot be used."},
                status=400,
            )
        return self.get_response(request)
