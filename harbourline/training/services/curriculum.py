from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from harbourline.accounts.models import User
from harbourline.audit.services import audit_record
from harbourline.core.guards import checked

from ..actions import TrainingAction
from ..models import CurriculumRule, MaterialVersion, Module, Question, Workshop
from . import rules
from .workshops import NOT_YET_HELD, rule_for

MAX_MATERIAL_BYTES = 20 * 1024 * 1024
ALLOWED_MATERIAL_TYPES = {
    ".pdf": "application/pdf",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".txt": "text/plain",
}


@checked(rules.manages)
@transaction.atomic
def module_save(*, actor: User | None, module: Module | None = None, **fields: Any) -> Module:
    """Create a module, or change the one given."""
    created = module is None
    module = module or Module()
    for name, value in fields.items():
        setattr(module, name, value)
    module.full_clean()
    module.save()
    audit_record(
        actor=actor,
        action=TrainingAction.MODULE_SAVED,
        object_type="training.module",
        object_id=module.pk,
        details={"created": created, "fields": sorted(fields)},
    )
    return module


@checked(rules.manages)
@transaction.atomic
def material_upload(
    *, actor: User | None, module: Module, title: str, file_name: str, data: bytes, note: str = ""
) -> MaterialVersion:
    """Add a new version of a material; earlier versions stay downloadable."""
    suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix not in ALLOWED_MATERIAL_TYPES:
        raise ValidationError({"file": "Upload a PDF, Word, PowerPoint, spreadsheet or text file."})
    if len(data) > MAX_MATERIAL_BYTES:
        raise ValidationError({"file": "The file is larger than 20 MB."})
    if suffix == ".pdf" and not data.startswith(b"%PDF"):
        raise ValidationError({"file": "This file is not a real PDF."})
    safe_name = "".join(
        c for c in file_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] if c.isalnum() or c in "._- "
    )
    last = MaterialVersion.objects.filter(module=module, title=title).aggregate(v=Max("version"))["v"] or 0
    material = MaterialVersion.objects.create(
        module=module,
        title=title,
        version=last + 1,
        file_name=safe_name[:200] or f"material{suffix}",
        content_type=ALLOWED_MATERIAL_TYPES[suffix],
        data=data,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        note=note,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor,
        action=TrainingAction.MATERIAL_UPLOADED,
        object_type="training.material",
        object_id=material.pk,
        details={"module": module.pk, "version": material.version, "size": len(data)},
    )
    return material


@checked(rules.manages)
@transaction.atomic
def question_save(
    *,
    actor: User | None,
    module: Module,
    text: str,
    choices: list[str],
    correct_index: int,
    form: str = "A",
    explanation: str = "",
    question: Question | None = None,
    is_active: bool = True,
) -> Question:
    choices = [c.strip() for c in choices if c and c.strip()]
    if not 2 <= len(choices) <= 5:
        raise ValidationError({"choices": "Give between two and five answer options."})
    if not 0 <= correct_index < len(choices):
        raise ValidationError({"correct_index": "Choose which option is right."})
    created = question is None
    question = question or Question(module=module)
    question.text, question.choices, question.correct_index = text.strip(), choices, correct_index
    question.form, question.explanation, question.is_active = form, explanation, is_active
    question.full_clean()
    question.save()
    audit_record(
        actor=actor,
        action=TrainingAction.QUESTION_SAVED,
        object_type="training.question",
        object_id=question.pk,
        details={"module": module.pk, "created": created},
    )
    return question


@checked(rules.manages)
@transaction.atomic
def curriculum_rule_save(
    *, actor: User | None, workshop_type: str, attendance_share: int, pass_mark: int
) -> CurriculumRule:
    """Set when a participant of this curriculum counts as trained. Workshops not yet held take the new rule;
    held and cancelled ones keep the rule they were run under, so past figures and certificates stand."""
    if not isinstance(attendance_share, int) or not 1 <= attendance_share <= 100:
        raise ValidationError({"attendance_share": "Give a share of sessions from 1 to 100 percent."})
    if not isinstance(pass_mark, int) or not 0 <= pass_mark <= 100:
        raise ValidationError(
            {"pass_mark": "Give a pass mark from 0 to 100 percent (0: no post-test needed)."}
        )
    rule = CurriculumRule.objects.select_for_update().get(pk=rule_for(workshop_type).pk)
    before_share, before_mark = rule.attendance_share, rule.pass_mark
    rule.attendance_share, rule.pass_mark, rule.updated_by = attendance_share, pass_mark, actor
    rule.save()
    applied = Workshop.objects.filter(workshop_type=workshop_type, status__in=NOT_YET_HELD).update(
        attendance_threshold=attendance_share, pass_mark=pass_mark
    )
    audit_record(
        actor=actor,
        action=TrainingAction.CURRICULUM_RULE_SAVED,
        object_type="training.curriculum_rule",
        object_id=rule.pk,
        details={
            "workshop_type": workshop_type,
            "attendance_share": attendance_share,
            "pass_mark": pass_mark,
            "attendance_share_before": before_share,
            "pass_mark_before": before_mark,
            "workshops_not_yet_held": applied,
        },
    )
    return rule
