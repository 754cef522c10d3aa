from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from harbourline.accounts.models import User
from harbourline.audit.services import audit_record
from harbourline.core.guards import checked

from ..actions import TrainingAction
from ..models import CurriculumRule, Module, Session, Workshop, WorkshopStatus, WorkshopTrainer, WorkshopType
from . import rules

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones


def new_access_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if not Workshop.objects.filter(access_code=code).exists():
            return code


RULE_FIELDS = ("attendance_threshold", "pass_mark")
NOT_YET_HELD = (WorkshopStatus.PLANNED, WorkshopStatus.OPEN, WorkshopStatus.FULL)


def rule_for(workshop_type: str) -> CurriculumRule:
    """The curriculum's 'trained' rule (80% of sessions and 70% in the post-test until the focal point sets
    another)."""
    if workshop_type not in WorkshopType.values:
        raise ValidationError({"workshop_type": "Choose a type from the list."})
    rule, _ = CurriculumRule.objects.get_or_create(workshop_type=workshop_type)
    return rule


def apply_rule(workshop: Workshop) -> None:
    rule = rule_for(workshop.workshop_type)
    workshop.attendance_threshold, workshop.pass_mark = rule.attendance_share, rule.pass_mark


def _refuse_rule_fields(fields: dict[str, Any]) -> None:
    if any(name in fields for name in RULE_FIELDS):
        raise ValueError(
            "Attendance share and pass mark come from the curriculum's rule (curriculum_rule_save)."
        )


def _check_dates(workshop: Workshop) -> None:
    if workshop.end_date < workshop.start_date:
        raise ValidationError({"end_date": "The last day cannot be before the first day."})


def _set_trainers(workshop: Workshop, lead: User | None, co_facilitators: Iterable[User]) -> None:
    WorkshopTrainer.objects.filter(workshop=workshop).delete()
    if lead is not None:
        WorkshopTrainer.objects.create(workshop=workshop, user=lead, role=WorkshopTrainer.TrainerRole.LEAD)
    for user in co_facilitators:
        if lead is None or user.pk != lead.pk:
            WorkshopTrainer.objects.create(workshop=workshop, user=user, role=WorkshopTrainer.TrainerRole.CO)


@checked(rules.may_plan)
@transaction.atomic
def workshop_create(
    *,
    actor: User | None,
    modules: Iterable[Module],
    lead_trainer: User | None = None,
    co_facilitators: Iterable[User] = (),
    **fields: Any,
) -> Workshop:
    """Plan a workshop; who counts as trained in it is its curriculum's rule at this time (``apply_rule``)."""
    _refuse_rule_fields(fields)
    workshop = Workshop(created_by=actor, access_code=new_access_code(), **fields)
    apply_rule(workshop)
    workshop.full_clean(exclude=["modules"])
    _check_dates(workshop)
    workshop.save()
    workshop.modules.set(list(modules))
    _set_trainers(workshop, lead_trainer or actor, co_facilitators)
    audit_record(
        actor=actor,
        action=TrainingAction.WORKSHOP_CREATED,
        object_type="training.workshop",
        object_id=workshop.pk,
        details={"district": workshop.district, "capacity": workshop.capacity},
    )
    return workshop


@checked(rules.runs_workshop)
@transaction.atomic
def workshop_update(
    *,
    actor: User | None,
    workshop: Workshop,
    modules: Iterable[Module],
    lead_trainer: User | None = None,
    co_facilitators: Iterable[User] = (),
    **fields: Any,
) -> Workshop:
    _refuse_rule_fields(fields)
    for name, value in fields.items():
        setattr(workshop, name, value)
    if workshop.status in NOT_YET_HELD:
        apply_rule(workshop)
    workshop.full_clean(exclude=["modules"])
    _check_dates(workshop)
    workshop.save()
    workshop.modules.set(list(modules))
    if lead_trainer is not None:
        _set_trainers(workshop, lead_trainer, co_facilitators)
    audit_record(
        actor=actor,
        action=TrainingAction.WORKSHOP_UPDATED,
        object_type="training.workshop",
        object_id=workshop.pk,
        details={"fields": sorted(fields)},
    )
    return workshop


@checked(rules.runs_workshop)
@transaction.atomic
def workshop_set_status(*, actor: User | None, workshop: Workshop, status: str) -> Workshop:
    if status not in WorkshopStatus.values:
        raise ValidationError({"status": "Choose a status from the list."})
    before = workshop.status
    workshop.status = status
    workshop.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=TrainingAction.WORKSHOP_STATUS_CHANGED,
        object_type="training.workshop",
        object_id=workshop.pk,
        details={"from": before, "to": status},
    )
    return workshop


@checked(rules.runs_workshop)
@transaction.atomic
def session_add(
    *,
    actor: User | None,
    workshop: Workshop,
    date: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
    title: str = "",
) -> Session:
    if not workshop.start_date <= date <= workshop.end_date:
        raise ValidationError({"date": "The session must fall between the workshop's first and last day."})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The session must end after it starts."})
    session = Session.objects.create(
        workshop=workshop, date=date, starts_at=starts_at, ends_at=ends_at, title=title
    )
    audit_record(
        actor=actor,
        action=TrainingAction.SESSION_ADDED,
        object_type="training.session",
        object_id=session.pk,
        details={"workshop": workshop.pk},
    )
    return session
