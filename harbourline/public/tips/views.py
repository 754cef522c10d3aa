"""The public tip form and status page. No login; nothing about the visitor's address or browser is kept."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.views.decorators.http import require_http_methods

from harbourline.accounts.decorators import public
from harbourline.audit.services import audit_record
from harbourline.core import throttle
from harbourline.public.language import mark_private, speak, visitor_language

from . import kept_pages, services
from . import secrets as tip_secrets
from .actions import TipAction
from .forms import LookupForm, ReplyForm, TipForm
from .models import PUBLIC_STATUS


def tip_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Speak the URL's language; never cache (the form carries a one-time key and a CSRF token)."""

    @wraps(view)
    def wrapper(request: HttpRequest, lang: str, *args: Any, **kwargs: Any) -> HttpResponse:
        code = speak(request, lang)
        return mark_private(view(request, *args, lang=code, **kwargs), code)

    return wrapper


def _too_many(request: HttpRequest, lang: str) -> HttpResponse:
    return render(request, "tips/too_many.html", {"lang": lang}, status=429)


@public
def report_root_view(request: HttpRequest) -> HttpResponse:
    return redirect("tips:form", lang=visitor_language(request))


@public
def status_root_view(request: HttpRequest) -> HttpResponse:
    return redirect("tips:status", lang=visitor_language(request))


@public
@require_http_methods(["GET", "POST"])
@tip_page
def tip_form_view(request: HttpRequest, lang: str) -> HttpResponse:
    form = TipForm(request.POST or None)
    if request.method == "POST":
        if throttle.limited(request, "tip_submit"):
            return _too_many(request, lang)
        if form.is_valid():
            if form.cleaned_data["website"]:  # the honeypot: a robot filled a field people cannot see
                fake = tip_secrets.new_reference()
                return render(
                    request,
                    "tips/thanks.html",
                    {
                        "lang": lang,
                        "reference": fake,
                        "passphrase": "harbour-reef-sail-star-00",
                        "danger": False,
                    },
                )
            receipt = services.tip_submit(
                idempotency_key=form.cleaned_data["idempotency_key"], language=lang, **form.tip_fields()
            )
            if kept_pages.cacheable(request):
                return kept_pages.thanks_page(
                    request,
                    lang=lang,
                    reference=receipt.reference,
                    passphrase=receipt.passphrase,
                    danger=receipt.tip.danger_now == "yes",
                )
            return render(
                request,
                "tips/thanks.html",
                {
                    "lang": lang,
                    "reference": receipt.reference,
                    "passphrase": receipt.passphrase,
                    "danger": receipt.tip.danger_now == "yes",
                },
            )
    if request.method == "GET" and kept_pages.cacheable(request):
        return kept_pages.empty_form_page(request, lang=lang, form_class=TipForm)
    danger = request.method == "POST" and request.POST.get("danger_now") == "yes"
    return render(request, "tips/form.html", {"form": form, "lang": lang, "danger": danger})


def tip_form_error_page(request: HttpRequest, kind: str) -> HttpResponse | None:
    """A tip sent with a failed security check comes back filled in, not lost: the reporter sends it again.

    The same form key goes with it, so a report that did arrive is still one report."""
    if kind != "csrf" or request.method != "POST":
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name != "tips:form":
        return None
    code = speak(request, match.kwargs.get("lang", "en"))
    context = {"form": TipForm(request.POST), "lang": code, "danger": False, "not_sent": True}
    return mark_private(render(request, "tips/form.html", context, status=403), code)


def _status_context(tip: Any, lang: str, reply_form: ReplyForm | None = None) -> dict[str, Any]:
    return {
        "lang": lang,
        "tip": tip,
        "public_status": PUBLIC_STATUS[tip.status],
        "messages_list": list(tip.messages.all()),
        "reply_form": reply_form or ReplyForm(initial={"reference": tip.reference}),
    }


@public
@require_http_methods(["GET", "POST"])
@tip_page
def tip_status_view(request: HttpRequest, lang: str) -> HttpResponse:
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if throttle.limited(request, "tip_lookup"):
            return _too_many(request, lang)
        if form.is_valid():
            tip = services.tip_lookup(
                reference=form.cleaned_data["reference"], passphrase=form.cleaned_data["passphrase"]
            )
            if tip is not None:
                audit_record(
                    actor=None,
                    action=TipAction.TIP_STATUS_CHECKED,
                    object_type="tip",
                    object_id=tip.pk,
                    actor_label="public",
                )
                reply = ReplyForm(
                    initial={"reference": tip.reference, "passphrase": form.cleaned_data["passphrase"]}
                )
                return render(request, "tips/status.html", _status_context(tip, lang, reply))
            form.add_error(
                None,
                translation.gettext(
                    "We could not find a report with that receipt code and passphrase. Check both and try again."
                ),
            )
    return render(request, "tips/lookup.html", {"form": form, "lang": lang})


@public
@require_http_methods(["POST"])
@tip_page
def tip_reply_view(request: HttpRequest, lang: str) -> HttpResponse:
    if throttle.limited(request, "tip_lookup"):
        return _too_many(request, lang)
    form = ReplyForm(request.POST)
    tip = None
    if form.is_valid():
        tip = services.tip_lookup(
            reference=form.cleaned_data["reference"], passphrase=form.cleaned_data["passphrase"]
        )
    if tip is None:
        lookup = LookupForm({"reference": request.POST.get("reference", ""), "passphrase": ""})
        lookup.is_valid()
        lookup.add_error(
            None,
            translation.gettext(
                "We could not find a report with that receipt code and passphrase. Check both and try again."
            ),
        )
        return render(request, "tips/lookup.html", {"form": lookup, "lang": lang})
    services.tip_reporter_reply(tip=tip, text=form.cleaned_data["text"])
    context = _status_context(
        tip,
        lang,
        ReplyForm(initial={"reference": tip.reference, "passphrase": form.cleaned_data["passphrase"]}),
    )
    context["added"] = True
    return render(request, "tips/status.html", context)
