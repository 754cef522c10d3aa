from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from harbourline.accounts.models import User


def add_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's refusal on the form: per field when it names one, otherwise at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def public_url(request: HttpRequest | None, path: str) -> str:
    """The full address of ``path`` as the public reaches it: HARBOURLINE_PUBLIC_URL when set (always in
    production, see the training.W001 check); otherwise, on a development machine, the request's own host."""
    base = settings.HARBOURLINE_PUBLIC_URL.rstrip("/")
    if base:
        return f"{base}{path}"
    return request.build_absolute_uri(path) if request is not None else f"https://harbourline.invalid{path}"


def verify_url(request: HttpRequest | None, code: str) -> str:
    """The public verification page of a certificate, as printed on it and in its QR code."""
    return public_url(request, reverse("training:verify", args=[code]))


def staff(request: HttpRequest) -> User:
    """The signed-in user of a view guarded by @require_perm."""
    return request.user  # type: ignore[return-value]


def audit_participants_read(request: HttpRequest, *, page: str, object_type: str, object_id: object) -> None:
    """A page showing participants' personal details was read (GET): one audit row. Writes are audited by
    the services."""
    if request.method != "GET":
        return
    from harbourline.audit.services import audit_read

    from ..actions import TrainingAction

    audit_read(
        request,
        action=TrainingAction.PARTICIPANTS_VIEWED,
        object_type=object_type,
        object_id=object_id,
        page=page,
    )
