"""Permission checks inside write services. A service decorated with ``@checked(rule)`` runs ``rule`` on its
keyword arguments first, outside the service's transaction: a refusal writes one "denied" audit row (kept,
because nothing is rolled back around it) and raises PermissionDenied with a plain message, before anything
is changed."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied

F = TypeVar("F", bound=Callable[..., Any])


class Refused(Exception):
    def __init__(self, message: str, object_type: str = "", object_id: object = "") -> None:
        super().__init__(message)
        self.message, self.object_type, self.object_id = message, object_type, object_id


Rule = Callable[[Mapping[str, Any]], None]


def checked(rule: Rule) -> Callable[[F], F]:
    def decorate(service: F) -> F:
        @functools.wraps(service)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                rule(kwargs)
            except Refused as refusal:
                from harbourline.audit.actions import PlatformAction
                from harbourline.audit.models import Outcome
                from harbourline.audit.services import audit_record

                actor = kwargs.get("actor")
                audit_record(
                    actor=actor,
                    action=PlatformAction.ACCESS_DENIED,
                    object_type=refusal.object_type,
                    object_id=refusal.object_id,
                    outcome=Outcome.DENIED,
                    details={
                        "service": f"{service.__module__}.{service.__name__}",
                        "reason": refusal.message,
                    },
                )
                raise PermissionDenied(refusal.message) from None
            return service(*args, **kwargs)

        wrapper.permission_rule = rule  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def has_any(actor: Any, *perms: Any) -> bool:
    return actor is not None and any(actor.has_hl_perm(p) for p in perms)
