from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from harbourline.accounts.models import Agency, User
from harbourline.audit.services import audit_record
from harbourline.core.guards import checked

from ..actions import TrainingAction
from ..models import (
    Attendance,
    AttendanceStatus,
    Participant,
    Registration,
    RegistrationStatus,
    Session,
    Workshop,
    WorkshopStatus,
)
from ..models.people import ATTENDED_STATUSES, PLACE_HOLDING
from . import rules


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if c.isalnum()).lower()


def duplicate_key(first_name: str, last_name: str, email: str = "", phone: str = "") -> str:
    """Same name and same contact: 'Jn Baptiste, J.' with the same e-mail is one person."""
    contact = (email or "").strip().lower() or "".join(c for c in phone or "" if c.isdigit())[-7:]
    return f"{_fold(first_name)}|{_fold(last_name)}|{contact}"[:200]


def find_duplicate(**fields: Any) -> Participant | None:
    key = duplicate_key(
        fields.get("first_name", ""),
        fields.get("last_name", ""),
        fields.get("email", ""),
        fields.get("phone", ""),
    )
    return Participant.objects.filter(duplicate_key=key).order_by("pk").first()


def _participant(fields: Mapping[str, Any]) -> tuple[Participant, bool]:
    existing = find_duplicate(**fields)
    if existing is not None:
        return existing, False
    person = Participant(**fields)
    person.duplicate_key = duplicate_key(person.first_name, person.last_name, person.email, person.phone)
    person.full_clean()
    person.save()
    return person, True


def _places_taken(workshop: Workshop) -> int:
    return Registration.objects.filter(workshop=workshop, status__in=PLACE_HOLDING).count()


@checked(rules.runs_workshop)
@transaction.atomic
def participant_register(
    *,
    actor: User | None,
    workshop: Workshop,
    person: Mapping[str, Any],
    nominated_by: Agency | None = None,
    invited: bool = False,
) -> Registration:
    """Register a person (reusing their record when the same name and contact exist) for a workshop.

    Past the capacity, the person goes on the waiting list.
    """
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    if workshop.status in (WorkshopStatus.CANCELLED, WorkshopStatus.HELD):
        raise ValidationError("This workshop is no longer taking registrations.")
    participant, created = _participant(person)
    if Registration.objects.filter(workshop=workshop, participant=participant).exists():
        raise ValidationError(f"{participant.full_name} is already registered for this workshop.")
    full = _places_taken(workshop) >= workshop.capacity
    status = (
        RegistrationStatus.WAITLISTED
        if full
        else (RegistrationStatus.INVITED if invited else RegistrationStatus.REGISTERED)
    )
    number = (Registration.objects.filter(workshop=workshop).aggregate(n=Max("number"))["n"] or 0) + 1
    registration = Registration.objects.create(
        workshop=workshop,
        participant=participant,
        number=number,
        status=status,
        pin=f"{secrets.randbelow(10000):04d}",
        nominated_by=nominated_by,
        registered_by=actor,
    )
    audit_record(
        actor=actor,
        action=TrainingAction.PARTICIPANT_REGISTERED,
        object_type="training.registration",
        object_id=registration.pk,
        details={
            "workshop": workshop.pk,
            "participant": participant.pk,
            "new_person": created,
            "status": status,
        },
    )
    return registration


@checked(rules.runs_workshop)
@transaction.atomic
def participants_bulk_register(
    *,
    actor: User | None,
    workshop: Workshop,
    people: Sequence[Mapping[str, Any]],
    nominated_by: Agency | None = None,
) -> list[Registration]:
    """Register several people at once; all or none."""
    return [
        participant_register(actor=actor, workshop=workshop, person=p, nominated_by=nominated_by)
        for p in people
    ]


@checked(rules.runs_a_workshop_of_participant)
@transaction.atomic
def participant_update(*, actor: User | None, participant: Participant, **fields: Any) -> Participant:
    """Correct a person's details (for example the spelling of a name before a certificate is reissued)."""
    for name, value in fields.items():
        setattr(participant, name, value)
    participant.duplicate_key = duplicate_key(
        participant.first_name, participant.last_name, participant.email, participant.phone
    )
    participant.full_clean()
    participant.save()
    audit_record(
        actor=actor,
        action=TrainingAction.PARTICIPANT_UPDATED,
        object_type="training.participant",
        object_id=participant.pk,
        details={"fields": sorted(fields)},
    )
    return participant


@checked(rules.runs_workshop)
@transaction.atomic
def registration_set_status(*, actor: User | None, registration: Registration, status: str) -> Registration:
    """Change a registration; when a place frees up, the first person on the waiting list takes it."""
    if status not in RegistrationStatus.values:
        raise ValidationError({"status": "Choose a status from the list."})
    workshop = registration.workshop
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    freed = registration.holds_place and status not in PLACE_HOLDING
    before = registration.status
    registration.status = status
    registration.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=TrainingAction.REGISTRATION_CHANGED,
        object_type="training.registration",
        object_id=registration.pk,
        details={"from": before, "to": status},
    )
    if freed and _places_taken(workshop) < workshop.capacity:
        nxt = (
            Registration.objects.filter(workshop=workshop, status=RegistrationStatus.WAITLISTED)
            .order_by("number")
            .first()
        )
        if nxt is not None:
            nxt.status = RegistrationStatus.REGISTERED
            nxt.save(update_fields=["status"])
            audit_record(
                actor=actor,
                action=TrainingAction.WAITLIST_PROMOTED,
                object_type="training.registration",
                object_id=nxt.pk,
                details={"workshop": workshop.pk, "freed_by": registration.pk},
            )
    return registration


@checked(rules.runs_workshop)
@transaction.atomic
def attendance_record(*, actor: User | None, session: Session, statuses: Mapping[int, str]) -> int:
    """Record one session's attendance: registration id -> present, late, excused or absent."""
    regs = {
        r.pk: r for r in Registration.objects.filter(workshop_id=session.workshop_id, pk__in=list(statuses))
    }
    unknown = set(statuses) - set(regs)
    if unknown or any(s not in AttendanceStatus.values for s in statuses.values()):
        raise ValidationError(
            "Choose present, late, excused or absent for each participant of this workshop."
        )
    existing = {a.registration_id: a for a in Attendance.objects.filter(session=session)}
    for reg_id, status in statuses.items():
        row = existing.get(reg_id)
        if row is None:
            Attendance.objects.create(session=session, registration_id=reg_id, status=status)
        elif row.status != status:
            row.status = status
            row.save(update_fields=["status", "recorded_at"])
        reg = regs[reg_id]
        if status in ATTENDED_STATUSES and reg.status in (
            RegistrationStatus.INVITED,
            RegistrationStatus.REGISTERED,
        ):
            reg.status = RegistrationStatus.ATTENDED
            reg.save(update_fields=["status"])
    counts = {s: sum(1 for v in statuses.values() if v == s) for s in AttendanceStatus.values}
    audit_record(
        actor=actor,
        action=TrainingAction.ATTENDANCE_RECORDED,
        object_type="training.session",
        object_id=session.pk,
        details={"workshop": session.workshop_id, **counts},
    )
    return len(statuses)
