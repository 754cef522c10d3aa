from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read

from ..actions import CaseAction
from ..lifecycle import TransitionRefused
from ..models import Case
from ..policy import CaseNotFound, Refused
from ..selectors import Need, case_get_for_user
from ..services import StaleEdit, refusal_record


def actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def get_case(
    request: HttpRequest,
    case_id: int,
    section: str | None = None,
    *,
    need: Need = Need.READ,
    perm: Perm | None = None,
    audit_page: str = "",
) -> Case:
    """The case for this user, for ``need`` (404 when they may not see it, 403 when they may not do this),
    with the one 'denied' audit row of a refusal. ``audit_page`` records the read of a page of personal data."""
    case = refusing(
        request, lambda: case_get_for_user(actor(request), case_id, section=section, need=need, perm=perm)
    )
    if audit_page and request.method == "GET":
        audit_read(
            request, action=CaseAction.CASE_VIEWED, object_type="case", object_id=case.pk, page=audit_page
        )
    return case


T = TypeVar("T")


def refusing(request: HttpRequest, call: Callable[[], T]) -> T:
    """Run a selector; a refusal it raises gets its 'denied' audit row here (selectors never write)."""
    try:
        return call()
    except (CaseNotFound, Refused) as refusal:
        refusal_record(actor=actor(request), refusal=refusal)
        raise


def attempt(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Run a service; turn its refusals into messages on the form, so nothing the user typed is lost."""
    try:
        return call()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
    except (StaleEdit, TransitionRefused) as exc:
        form.add_error(None, str(exc))
    return None


def data_without(form: forms.Form, *names: str) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k not in names}
