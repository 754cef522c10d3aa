"""Every write of screening data: instruments (load, draft a new version, correct, activate) and screenings."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_record

from ..codes import CaseSection, RecruitmentType
from ..models import Case
from ..services.common import guarded, require, require_change
from . import loader
from .actions import ScreeningAction
from .models import (
    Act,
    Answer,
    Indicator,
    IndicatorAnswer,
    Instrument,
    InstrumentStatus,
    Outcome,
    Screening,
    ScreeningStatus,
)
from .rules import ScreeningResult, evaluate

if TYPE_CHECKING:
    from harbourline.accounts.models import User

DATA_FILE = loader.DATA_FILE


@transaction.atomic
def instruments_load(*, actor: User | None = None, path: Path = DATA_FILE) -> int:
    """Load the instrument file. An instrument whose content changed gets a new active version; screenings
    keep the version they used. Returns how many versions were created."""
    created = loader.load(Instrument, Indicator, loader.read(path), created_by=actor)
    for instrument in created:
        audit_record(
            actor=actor,
            action=ScreeningAction.INSTRUMENT_LOADED,
            object_type="instrument",
            object_id=instrument.pk,
            actor_label="system",
            details={"code": instrument.code, "version": instrument.version},
        )
    return len(created)


def _activate(instrument: Instrument) -> None:
    loader.activate(Instrument, instrument)


@transaction.atomic
def instrument_draft(*, actor: User, source: Instrument) -> Instrument:
    """Copy an instrument into a new draft version, to correct it without a software release."""
    require(actor, Perm.CASE_APPROVE, Perm.CASE_VIEW_NATIONAL)
    latest = Instrument.objects.filter(code=source.code).order_by("-version").first()
    draft = Instrument.objects.create(
        code=source.code,
        version=(latest.version if latest else source.version) + 1,
        name=source.name,
        age_group=source.age_group,
        source=source.source,
        notes=source.notes,
        rules=source.rules,
        dimensions=source.dimensions,
        created_by=actor,
    )
    Indicator.objects.bulk_create(
        [
            Indicator(
                instrument=draft,
                order=i.order,
                dimension=i.dimension,
                code=i.code,
                label=i.label,
                strength=i.strength,
                evidence=i.evidence,
                means_of_control=i.means_of_control,
                marks_abduction=i.marks_abduction,
                source=i.source,
            )
            for i in source.indicators.all()
        ]
    )
    audit_record(
        actor=actor,
        action=ScreeningAction.INSTRUMENT_DRAFTED,
        object_type="instrument",
        object_id=draft.pk,
        details={"from": source.pk},
    )
    return draft


@transaction.atomic
def instrument_change(
    *,
    actor: User,
    instrument: Instrument,
    indicators: dict[int, dict[str, str]],
    combinations: list[dict[str, int]] | None = None,
    notes: str | None = None,
) -> Instrument:
    """Correct a draft: indicator strength, label, evidence, source or mapping, and the dimension thresholds."""
    require(actor, Perm.CASE_APPROVE, Perm.CASE_VIEW_NATIONAL)
    if instrument.status != InstrumentStatus.DRAFT:
        raise ValidationError("Only a draft can be changed: make a new version first.")
    changed = 0
    for indicator in instrument.indicators.filter(pk__in=indicators):
        for name, value in indicators[indicator.pk].items():
            if (
                name in {"strength", "label", "evidence", "means_of_control", "source"}
                and getattr(indicator, name) != value
            ):
                setattr(indicator, name, value)
                changed += 1
        indicator.full_clean()
        indicator.save()
    if combinations is not None:
        if not combinations:
            raise ValidationError("Keep at least one combination that makes a dimension met.")
        instrument.rules = {**instrument.rules, "dimension_positive": combinations}
    if notes is not None:
        instrument.notes = notes
    instrument.save()
    audit_record(
        actor=actor,
        action=ScreeningAction.INSTRUMENT_CHANGED,
        object_type="instrument",
        object_id=instrument.pk,
        details={"indicator_fields": changed},
    )
    return instrument


@transaction.atomic
def instrument_activate(*, actor: User, instrument: Instrument) -> Instrument:
    require(actor, Perm.CASE_APPROVE, Perm.CASE_VIEW_NATIONAL)
    if instrument.status != InstrumentStatus.DRAFT:
        raise ValidationError("Only a draft can be activated.")
    _activate(instrument)
    audit_record(
        actor=actor,
        action=ScreeningAction.INSTRUMENT_ACTIVATED,
        object_type="instrument",
        object_id=instrument.pk,
        details={"code": instrument.code, "version": instrument.version},
    )
    return instrument


CHILD_AGE = 18


def _check_age(instrument: Instrument, age: int) -> None:
    """The rule follows the age when recruited or exploited, not the age at intake or at the interview."""
    if not 0 <= age <= 120:
        raise ValidationError({"age_at_exploitation": "Enter the age in years, from 0 to 120."})
    if age < CHILD_AGE and instrument.age_group != "child":
        raise ValidationError(
            f"The person was {age} when recruited or exploited, under 18 at the time: use a child list. For a "
            "child the means are not required, and an adult list would ask for them."
        )
    if age >= CHILD_AGE and instrument.age_group == "child":
        raise ValidationError(
            f"The person was {age} when recruited or exploited: use an adult list. A child list does not ask "
            "for the means, which the law requires for an adult."
        )


@guarded
def screening_start(
    *,
    actor: User,
    case: Case,
    instrument: Instrument,
    interviewed_on: datetime.date,
    age_at_exploitation: int,
    interpreter_language: str = "",
) -> Screening:
    """Start a screening with an active instrument that fits the person's age when recruited or exploited."""
    require_change(actor, case, CaseSection.SCREENING)
    if instrument.status != InstrumentStatus.ACTIVE:
        raise ValidationError("Use an active instrument.")
    _check_age(instrument, age_at_exploitation)
    screening = Screening.objects.create(
        case=case,
        instrument=instrument,
        interviewed_on=interviewed_on,
        interpreter_language=interpreter_language,
        age_at_exploitation=age_at_exploitation,
        conducted_by=actor,
    )
    IndicatorAnswer.objects.bulk_create(
        [IndicatorAnswer(screening=screening, indicator=i) for i in instrument.indicators.all()]
    )
    audit_record(
        actor=actor,
        action=ScreeningAction.SCREENING_STARTED,
        object_type="case",
        object_id=case.pk,
        details={
            "screening": screening.pk,
            "instrument": instrument.code,
            "version": instrument.version,
            "age_at_exploitation": age_at_exploitation,
        },
    )
    return screening


def screening_result(screening: Screening) -> ScreeningResult:
    """Score with the screening's own instrument version."""
    instrument = screening.instrument
    answers = [
        (a.indicator.dimension, a.indicator.strength, a.indicator.label, a.answer)
        for a in screening.answers.select_related("indicator").order_by("indicator__order", "indicator_id")
    ]
    return evaluate(
        rules=instrument.rules,
        dimensions=instrument.dimensions,
        age_group=instrument.age_group,
        answers=answers,
        acts=screening.acts,
    )


@guarded
def screening_save(
    *,
    actor: User,
    screening: Screening,
    answers: dict[int, tuple[str, str]],
    complete: bool = False,
    interviewed_on: datetime.date | None = None,
    interpreter_language: str | None = None,
    acts: list[str] | None = None,
    act_note: str | None = None,
) -> ScreeningResult:
    """Save answers ({indicator id: (answer, note)}) and the act; completing it records the outcome and carries
    the means of control it found into the case."""
    require_change(actor, screening.case, CaseSection.SCREENING)
    if screening.status == ScreeningStatus.COMPLETED:
        raise ValidationError("This screening is completed; start a new one to screen again.")
    rows = {a.indicator_id: a for a in screening.answers.all()}
    for indicator_id, (answer, _note) in answers.items():
        if indicator_id not in rows or answer not in Answer.values:
            raise ValidationError("An answer does not belong to this screening.")
    if acts is not None and not set(acts) <= set(Act.values):
        raise ValidationError(
            {"acts": "Choose the act from the list: recruitment, transport, transfer, harbouring or receipt."}
        )
    for indicator_id, (answer, note) in answers.items():
        row = rows[indicator_id]
        if (row.answer, row.note) != (answer, note):
            row.answer, row.note = answer, note
            row.save(update_fields=["answer", "note"])
    if interviewed_on is not None:
        screening.interviewed_on = interviewed_on
    if interpreter_language is not None:
        screening.interpreter_language = interpreter_language
    if acts is not None:
        screening.acts = [a for a in Act.values if a in acts]
    if act_note is not None:
        screening.act_note = act_note
    result = screening_result(screening)
    details: dict[str, object] = {
        "screening": screening.pk,
        "met": [d.code for d in result.dimensions if d.met],
        "acts": screening.acts,
    }
    if complete:
        screening.status, screening.completed_at = ScreeningStatus.COMPLETED, timezone.now()
        screening.outcome = Outcome(result.outcome)
        screening.suggested_victim = result.suggested_victim
        details |= {"outcome": result.outcome, "suggested": result.suggested_victim}
    screening.save()
    if complete:
        details |= _carry_into_case(screening)
    action = ScreeningAction.SCREENING_COMPLETED if complete else ScreeningAction.SCREENING_SAVED
    audit_record(actor=actor, action=action, object_type="case", object_id=screening.case_id, details=details)
    return result


def _present_codes(screening: Screening) -> tuple[set[str], bool]:
    """(CTDC means-of-control codes, whether abduction is marked) of the screening's present indicators."""
    present = [
        a.indicator for a in screening.answers.select_related("indicator") if a.answer == Answer.PRESENT
    ]
    return {i.means_of_control for i in present if i.means_of_control}, any(
        i.marks_abduction for i in present
    )


def _carry_into_case(screening: Screening) -> dict[str, object]:
    """Add the completed screening's means of control to the case, where case statistics read them (never
    removing one recorded by hand), and record abduction as the recruitment type when none is recorded."""
    codes = screening_means_of_control(screening.case)
    _, abducted = _present_codes(screening)
    case = Case.objects.select_for_update().get(pk=screening.case_id)
    added = sorted(codes - set(case.means_of_control))
    changed = []
    if added:
        case.means_of_control = [*case.means_of_control, *added]
        changed.append("means_of_control")
    if abducted and case.recruitment_type in ("", RecruitmentType.UNKNOWN):
        case.recruitment_type = RecruitmentType.ABDUCTION
        changed.append("recruitment_type")
    if not changed:
        return {}
    case.version += 1
    case.save(update_fields=[*changed, "version", "updated_at"])
    screening.case.version = case.version
    return {"case_means_of_control_added": added, "case_recruitment_type": case.recruitment_type}


def screening_means_of_control(case: Case) -> set[str]:
    """CTDC means-of-control codes from the latest completed screening's present indicators."""
    latest = (
        Screening.objects.filter(case=case, status=ScreeningStatus.COMPLETED)
        .order_by("-completed_at", "-id")
        .first()
    )
    return _present_codes(latest)[0] if latest is not None else set()
