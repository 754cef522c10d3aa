"""One view: the form (CSRF token) and the POST that stores a tip, with nothing that storing it does not need:
the CSRF check, form validation, a rate-limit counter in the shared cache, AES-GCM of the text, the tip
INSERT and one audit INSERT in one transaction, and a small HTML answer."""

from __future__ import annotations

import os
import secrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django_ratelimit.core import is_ratelimited

from .models import FloorAudit, FloorTip

AEAD = AESGCM(bytes(range(32)))
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CHOICE = [("yes", "Yes"), ("no", "No"), ("unknown", "Don't know")]


class FloorForm(forms.Form):
    idempotency_key = forms.UUIDField()
    what_happened = forms.CharField(max_length=5000)
    danger_now = forms.ChoiceField(choices=CHOICE)
    child_involved = forms.ChoiceField(choices=CHOICE)
    contact_choice = forms.ChoiceField(choices=[("anonymous", "Anonymous"), ("share", "Share")])
    district = forms.CharField(max_length=10, required=False)


def _client(group: str, request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def tip_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        token = get_token(request)
        return HttpResponse(
            '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" '
            f'value="{token}"><textarea name="what_happened"></textarea><button>Send</button></form>'
        )
    if is_ratelimited(request, group="tip_submit", key=_client, rate=(10**9, 3600), increment=True):
        return HttpResponse("Please wait a little", status=429)
    form = FloorForm(request.POST)
    if not form.is_valid():
        return HttpResponse("There is a problem", status=400)
    data = form.cleaned_data
    nonce = os.urandom(12)
    sealed = nonce + AEAD.encrypt(nonce, data["what_happened"].encode(), b"tip.what_happened")
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    reference = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
    with transaction.atomic():
        tip = FloorTip.objects.create(
            reference=reference,
            idempotency_key=data["idempotency_key"],
            language="en",
            what_happened=sealed,
            danger_now=data["danger_now"],
            child_involved=data["child_involved"],
            district=data["district"],
        )
        FloorAudit.objects.create(action="tip.submitted", object_id=str(tip.pk))
    return HttpResponse(f'<p>Thank you. Receipt code: <strong id="receipt-code">{reference}</strong></p>')
