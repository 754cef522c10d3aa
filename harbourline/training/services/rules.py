"""Who may call each training write service, checked by the service itself (``core.guards.checked``).

The focal point (training.manage) may do everything; a trainer (training.run) runs the workshops they lead,
co-facilitate or planned; nobody else writes. ``actor=None`` is the system (seeders, commands) or, for the
participant pages, a participant identified by number and PIN or by a private link."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from harbourline.accounts.permissions import Perm
from harbourline.core.guards import Refused, has_any

NOT_ALLOWED = "Your role does not allow this."
NOT_YOURS = "You do not run this workshop."


def manages(kwargs: Mapping[str, Any]) -> None:
    actor = kwargs.get("actor")
    if actor is not None and not has_any(actor, Perm.TRAINING_MANAGE):
        raise Refused(NOT_ALLOWED, "training", "")


def may_plan(kwargs: Mapping[str, Any]) -> None:
    actor = kwargs.get("actor")
    if actor is not None and not has_any(actor, Perm.TRAINING_MANAGE, Perm.TRAINING_RUN):
        raise Refused(NOT_ALLOWED, "training.workshop", "")


def _workshop_of(kwargs: Mapping[str, Any]) -> Any:
    if "workshop" in kwargs:
        return kwargs["workshop"]
    if "session" in kwargs:
        return kwargs["session"].workshop
    if "registration" in kwargs:
        return kwargs["registration"].workshop
    if "certificate" in kwargs:
        return kwargs["certificate"].registration.workshop
    raise TypeError("No workshop in the service's arguments.")


def _runs(actor: Any, workshop: Any) -> bool:
    from ..selectors import workshops_visible_to

    if has_any(actor, Perm.TRAINING_MANAGE):
        return True
    return has_any(actor, Perm.TRAINING_RUN) and workshops_visible_to(actor).filter(pk=workshop.pk).exists()


def runs_workshop(kwargs: Mapping[str, Any]) -> None:
    actor = kwargs.get("actor")
    if actor is None:
        return
    workshop = _workshop_of(kwargs)
    if not has_any(actor, Perm.TRAINING_MANAGE, Perm.TRAINING_RUN):
        raise Refused(NOT_ALLOWED, "training.workshop", workshop.pk)
    if not _runs(actor, workshop):
        raise Refused(NOT_YOURS, "training.workshop", workshop.pk)


def runs_a_workshop_of_participant(kwargs: Mapping[str, Any]) -> None:
    actor, participant = kwargs.get("actor"), kwargs["participant"]
    if actor is None or has_any(actor, Perm.TRAINING_MANAGE):
        return
    if not has_any(actor, Perm.TRAINING_RUN):
        raise Refused(NOT_ALLOWED, "training.participant", participant.pk)
    from ..selectors import workshops_visible_to

    if not participant.registrations.filter(workshop__in=workshops_visible_to(actor)).exists():
        raise Refused(NOT_YOURS, "training.participant", participant.pk)
