"""Every write of screening data: instruments (load, draft a new version, correct, activate) and screenings."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_record

from ..codes import CaseSection
from ..services.common import guarded, require, require_change
from .actions import ScreeningAction
from .models import (
    Answer,
    Indicator,
    IndicatorAnswer,
    Instrument,
    InstrumentStatus,
    Screening,
    ScreeningStatus,
)
from .rules import ScreeningResult, evaluate

if TYPE_CHECKING:
    from harbourline.accounts.models import User

    from ..models import Case

DATA_FILE = Path(__file__).resolve().parent / "instruments" / "ilo_ec_2009.json"


def _fingerprint(spec: dict[str, Any], dimensions: list[dict[str, Any]]) -> str:
    keep = {
        "rules": spec["rules"],
        "dimensions": dimensions,
        "age_group": spec["age_group"],
        "indicators": [
            (i["dimension"], i["code"], i["label"], i["strength"], i.get("means_of_control", ""))
            for i in spec["indicators"]
        ],
    }
    return json.dumps(keep, sort_keys=True)


def _instrument_fingerprint(instrument: Instrument) -> str:
    spec = {
        "rules": instrument.rules,
        "age_group": instrument.age_group,
        "indicators": [
            {
                "dimension": i.dimension,
                "code": i.code,
                "label": i.label,
                "strength": i.strength,
                "means_of_control": i.means_of_control,
            }
            for i in instrument.indicators.all()
        ],
    }
    return _fingerprint(spec, instrument.dimensions)


@transaction.atomic
def instruments_load(*, actor: User | None = None, path: Path = DATA_FILE) -> int:
    """Load the instrument file. An instrument whose content changed gets a new active version; screenings
    keep the version they used. Returns how many versions were created."""
    data = json.loads(path.read_text(encoding="utf-8"))
    created = 0
    for spec in data["instruments"]:
        latest = Instrument.objects.filter(code=spec["code"]).order_by("-version").first()
        if latest is not None and _instrument_fingerprint(latest) == _fingerprint(spec, data["dimensions"]):
            continue
        instrument = Instrument.objects.create(
            code=spec["code"],
            version=(latest.version + 1) if latest else 1,
            name=spec["name"],
            age_group=spec["age_group"],
            source=data["source"],
            notes=spec.get("notes", ""),
            rules=spec["rules"],
            dimensions=data["dimensions"],
            created_by=actor,
        )
        Indicator.objects.bulk_create(
            [
                Indicator(
                    instrument=instrument,
                    order=n,
                    dimension=i["dimension"],
                    code=i["code"],
                    label=i["label"],
                    strength=i["strength"],
                    evidence=i.get("evidence", "S"),
                    means_of_control=i.get("means_of_control", ""),
                )
                for n, i in enumerate(spec["indicators"])
            ]
        )
        _activate(instrument)
        audit_record(
            actor=actor,
            action=ScreeningAction.INSTRUMENT_LOADED,
            object_type="instrument",
            object_id=instrument.pk,
            actor_label="system",
            details={"code": instrument.code, "version": instrument.version},
        )
        created += 1
    return created


def _activate(instrument: Instrument) -> None:
    Instrument.objects.filter(code=instrument.code, status=InstrumentStatus.ACTIVE).exclude(
        pk=instrument.pk
    ).update(status=InstrumentStatus.RETIRED)
    instrument.status, instrument.activated_at = InstrumentStatus.ACTIVE, timezone.now()
    instrument.save(update_fields=["status", "activated_at"])


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
    """Correct a draft: indicator strength, label, evidence or mapping, and the dimension thresholds."""
    require(actor, Perm.CASE_APPROVE, Perm.CASE_VIEW_NATIONAL)
    if instrument.status != InstrumentStatus.DRAFT:
        raise ValidationError("Only a draft can be changed: make a new version first.")
    changed = 0
    for indicator in instrument.indicators.filter(pk__in=indicators):
        for name, value in indicators[indicator.pk].items():
            if (
                name in {"strength", "label", "evidence", "means_of_control"}
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


@guarded
def screening_start(
    *,
    actor: User,
    case: Case,
    instrument: Instrument,
    interviewed_on: datetime.date,
    interpreter_language: str = "",
) -> Screening:
    require_change(actor, case, CaseSection.SCREENING)
    if instrument.status != InstrumentStatus.ACTIVE:
        raise ValidationError("Use an active instrument.")
    screening = Screening.objects.create(
        case=case,
        instrument=instrument,
        interviewed_on=interviewed_on,
        interpreter_language=interpreter_language,
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
        details={"screening": screening.pk, "instrument": instrument.code, "version": instrument.version},
    )
    return screening


def screening_result(screening: Screening) -> ScreeningResult:
    """Score with the screening's own instrument version."""
    instrument = screening.instrument
    present = [
        (a.indicator.dimension, a.indicator.strength, a.indicator.label)
        for a in screening.answers.select_related("indicator")
        if a.answer == Answer.PRESENT
    ]
    return evaluate(
        rules=instrument.rules,
        dimensions=instrument.dimensions,
        age_group=instrument.age_group,
        present=present,
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
) -> ScreeningResult:
    """Save answers ({indicator id: (answer, note)}); completing it records the suggested conclusion."""
    require_change(actor, screening.case, CaseSection.SCREENING)
    if screening.status == ScreeningStatus.COMPLETED:
        raise ValidationError("This screening is completed; start a new one to screen again.")
    rows = {a.indicator_id: a for a in screening.answers.all()}
    for indicator_id, (answer, note) in answers.items():
        row = rows.get(indicator_id)
        if row is None or answer not in Answer.values:
            raise ValidationError("An answer does not belong to this screening.")
        if (row.answer, row.note) != (answer, note):
            row.answer, row.note = answer, note
            row.save(update_fields=["answer", "note"])
    if interviewed_on is not None:
        screening.interviewed_on = interviewed_on
    if interpreter_language is not None:
        screening.interpreter_language = interpreter_language
    result = screening_result(screening)
    if complete:
        screening.status, screening.completed_at = ScreeningStatus.COMPLETED, timezone.now()
        screening.suggested_victim = result.suggested_victim
    screening.save()
    action = ScreeningAction.SCREENING_COMPLETED if complete else ScreeningAction.SCREENING_SAVED
    audit_record(
        actor=actor,
        action=action,
        object_type="case",
        object_id=screening.case_id,
        details={
            "screening": screening.pk,
            "met": [d.code for d in result.dimensions if d.met],
            "suggested": result.suggested_victim,
        },
    )
    return result


def screening_means_of_control(case: Case) -> set[str]:
    """CTDC means-of-control codes from the latest completed screening's present indicators."""
    latest = (
        Screening.objects.filter(case=case, status=ScreeningStatus.COMPLETED)
        .order_by("-completed_at")
        .first()
    )
    if latest is None:
        return set()
    return {
        a.indicator.means_of_control
        for a in latest.answers.select_related("indicator")
        if a.answer == Answer.PRESENT and a.indicator.means_of_control
    }
