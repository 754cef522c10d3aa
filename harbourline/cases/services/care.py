"""Protection and assistance: risk, protection status, health, the case plan, tasks, notes, attachments."""

from __future__ import annotations

import datetime
import io
import re
import secrets
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from harbourline.crypto.aead import decrypt_bytes, encrypt_bytes

from ..actions import CaseAction
from ..codes import IMMEDIATE_NEEDS, CaseSection
from ..models import Attachment, Case, HealthRecord, Note, PlanItem, RiskAssessment, Task
from ..models.care import AttachmentKind, NoteLevel
from ..policy import (
    ATTACHMENT_SECTION,
    Refused,
    can_change,
    can_record_service,
    can_write_note_level,
    readable_note_levels,
)
from .common import (
    StaleEdit,
    bump,
    guarded,
    lock_case,
    record,
    require_change,
    require_contribute,
    require_read,
)

if TYPE_CHECKING:
    from harbourline.accounts.models import User

PROTECTION_FIELDS = (
    "reflection_start",
    "reflection_end",
    "reflection_basis",
    "residence_status",
    "residence_from",
    "residence_until",
    "residence_basis",
    "work_authorised",
    "work_from",
    "work_until",
    "work_basis",
)
PLAN_FIELDS = (
    "category",
    "description",
    "provider",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "due_on",
    "status",
    "outcome",
    "responsible",
)
MAX_ATTACHMENT_BYTES = getattr(settings, "HARBOURLINE_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)
MAX_IMAGE_PIXELS = 60_000_000  # a 60-megapixel photo; more is refused before decoding (decompression bombs)
ALLOWED_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


@guarded
def risk_assess(
    *,
    actor: User,
    case: Case,
    level: str,
    assessed_on: datetime.date,
    threats: str = "",
    immediate_needs: list[str] | None = None,
    safety_plan: str = "",
) -> RiskAssessment:
    require_change(actor, case, CaseSection.CASE)
    needs = sorted(set(immediate_needs or []) & {code for code, _ in IMMEDIATE_NEEDS})
    assessment = RiskAssessment(
        case=case,
        level=level,
        assessed_on=assessed_on,
        assessed_by=actor,
        threats=threats,
        immediate_needs=needs,
        safety_plan=safety_plan,
    )
    assessment.full_clean()
    assessment.save()
    record(actor, case, CaseAction.RISK_ASSESSED, "risk_assessed", level=level, needs=needs)
    return assessment


@guarded
def protection_update(*, actor: User, case: Case, version: int, **fields: Any) -> Case:
    """Reflection period, residence status and work authorisation, each dated with its legal basis."""
    require_change(actor, case, CaseSection.CASE)
    unknown = set(fields) - set(PROTECTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    locked = lock_case(case, version)
    for name, value in fields.items():
        setattr(locked, name, value)
    for start, end in (
        ("reflection_start", "reflection_end"),
        ("residence_from", "residence_until"),
        ("work_from", "work_until"),
    ):
        if getattr(locked, start) and getattr(locked, end) and getattr(locked, end) < getattr(locked, start):
            raise ValidationError({end: "The end date is before the start date."})
    locked.full_clean()
    bump(locked, *fields)
    record(actor, locked, CaseAction.PROTECTION_UPDATED, "protection_updated", fields=sorted(fields))
    return locked


@guarded
def health_update(*, actor: User, case: Case, version: int, **fields: Any) -> HealthRecord:
    """The health record: the owning agency's health staff, or a health provider given the health section."""
    require_contribute(actor, case, CaseSection.HEALTH)
    health, _ = HealthRecord.objects.select_for_update().get_or_create(case=case)
    if health.version != version:
        raise StaleEdit(StaleEdit.message)
    for name in ("health_needs", "medical_notes", "psychosocial_notes"):
        if name in fields:
            setattr(health, name, fields[name])
    health.updated_by = actor
    health.version += 1
    health.save()
    record(actor, case, CaseAction.HEALTH_UPDATED, "health_updated", fields=sorted(fields))
    return health


# What a partner agency records about the service it gives; the rest of a plan item is the owning agency's.
SERVICE_FIELDS = ("status", "actual_start", "actual_end", "outcome")


@guarded
def plan_item_save(
    *, actor: User, case: Case, item: PlanItem | None = None, version: int | None = None, **fields: Any
) -> PlanItem:
    """Add a need or service to the case plan (owning agency), or update one (optimistic locking on
    ``version``, which an update must give).

    The provider agency, given the plan section, records the service it gives (status, dates, outcome)."""
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown plan fields: {sorted(unknown)}")
    if item is None:
        require_change(actor, case, CaseSection.PLAN)
        item = PlanItem(case=case)
    else:
        require_read(actor, case, CaseSection.PLAN)
        item = PlanItem.objects.select_for_update().filter(pk=item.pk, case=case).first() or PlanItem(
            case=case
        )
        if item.pk is None:
            raise ValidationError("This item is not in the case plan.")
        if not can_record_service(actor, case, item.provider_id):
            require_change(actor, case, CaseSection.PLAN)
        if not can_change(actor, case, CaseSection.PLAN):
            others = [n for n, v in fields.items() if n not in SERVICE_FIELDS and getattr(item, n) != v]
            if others:
                raise Refused(
                    "Your agency records only the service it gives: its status, dates and outcome.",
                    case_id=case.pk,
                    section=CaseSection.PLAN,
                )
        if version is None or item.version != version:
            raise StaleEdit(StaleEdit.message)
        item.version += 1
    for name, value in fields.items():
        setattr(item, name, value)
    for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
        if getattr(item, start) and getattr(item, end) and getattr(item, end) < getattr(item, start):
            raise ValidationError({end: "The end date is before the start date."})
    item.full_clean()
    item.save()
    record(
        actor,
        case,
        CaseAction.PLAN_ITEM_SAVED,
        "plan_item",
        item=item.pk,
        category=item.category,
        status=item.status,
    )
    return item


@guarded
def task_save(
    *, actor: User, case: Case, title: str, due_on: datetime.date, assigned_to: User | None = None
) -> Task:
    require_change(actor, case, CaseSection.PLAN)
    if not title.strip():
        raise ValidationError({"title": "Say what must be done."})
    task = Task.objects.create(
        case=case, title=title.strip(), due_on=due_on, assigned_to=assigned_to or actor
    )
    record(actor, case, CaseAction.TASK_SAVED, "task", task=task.pk)
    return task


@guarded
def task_done(*, actor: User, task: Task) -> Task:
    require_change(actor, task.case, CaseSection.PLAN)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        record(actor, task.case, CaseAction.TASK_SAVED, "task_done", task=task.pk)
    return task


@guarded
def note_add(
    *, actor: User, case: Case, text: str, level: str = NoteLevel.NORMAL, corrects: Note | None = None
) -> Note:
    """A note by the owning agency or an agency given the notes section (its own contribution)."""
    require_contribute(actor, case, CaseSection.NOTES)
    if not text.strip():
        raise ValidationError({"text": "Write the note."})
    if not can_write_note_level(actor, case, level):
        raise Refused(
            "You cannot write a note at this level: it would be hidden from you.",
            case_id=case.pk,
            section=CaseSection.NOTES,
        )
    if corrects is not None and (
        corrects.case_id != case.pk or corrects.level not in readable_note_levels(actor, case)
    ):
        raise ValidationError({"corrects": "The note to correct is not a note of this case."})
    note = Note(
        case=case, author=actor, author_agency=actor.agency, text=text.strip(), level=level, corrects=corrects
    )
    note.full_clean()
    note.save()
    record(actor, case, CaseAction.NOTE_ADDED, "note", note=note.pk, level=level)
    return note


def clean_filename(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^\w.\- ]", "_", base).strip(" .") or "file"
    return cleaned[:120]


def _sniff(data: bytes) -> tuple[str, bytes]:
    """The content type, from the content (never the name), and the bytes to keep (images re-encoded
    without EXIF/GPS metadata)."""
    if data.startswith(b"%PDF-"):
        return "application/pdf", data
    too_large = f"The image is too large: at most {MAX_IMAGE_PIXELS // 1_000_000} megapixels."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(too_large) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError("Upload a PDF, JPEG or PNG file.") from exc
    if image.width * image.height > MAX_IMAGE_PIXELS:  # checked before any pixel is decoded
        image.close()
        raise ValidationError(too_large)
    try:
        with image:
            kind = image.format or ""
            if kind not in ALLOWED_TYPES:
                raise ValidationError("Upload a PDF, JPEG or PNG file.")
            image.load()
            clean = Image.frombytes(image.mode, image.size, image.tobytes())  # pixels only: no EXIF, no GPS
            if image.mode == "P" and image.getpalette():
                clean.putpalette(image.getpalette() or [])
            out = io.BytesIO()
            clean.save(out, format=kind)
            return ALLOWED_TYPES[kind], out.getvalue()
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError("Upload a PDF, JPEG or PNG file.") from exc


def attachment_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path


@guarded
def attachment_add(*, actor: User, case: Case, kind: str, filename: str, data: bytes) -> Attachment:
    """Keep a file encrypted at rest, with image metadata removed. Size and type are checked first. The file
    belongs to a section by its kind (a passport scan to identity, a medical paper to health)."""
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": "Choose what kind of file this is."})
    require_change(actor, case, ATTACHMENT_SECTION[kind])
    if not data:
        raise ValidationError("The file is empty.")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"The file is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.")
    content_type, kept = _sniff(data)
    stored = secrets.token_hex(16)
    attachment = Attachment(
        case=case,
        kind=kind,
        filename=clean_filename(filename),
        content_type=content_type,
        size=len(kept),
        stored_name=stored,
        uploaded_by=actor,
    )
    attachment.full_clean()
    attachment.save()
    (attachment_dir() / stored).write_bytes(encrypt_bytes(kept, context=f"attachment:{stored}"))
    record(
        actor,
        case,
        CaseAction.ATTACHMENT_ADDED,
        "attachment",
        section=ATTACHMENT_SECTION[kind],
        attachment=attachment.pk,
        file_kind=kind,
    )
    return attachment


@guarded
def attachment_read(*, actor: User, attachment: Attachment) -> bytes:
    """The decrypted file, for a reader of the section it belongs to; the download is audited."""
    from harbourline.audit.services import audit_record

    require_read(actor, attachment.case, ATTACHMENT_SECTION[attachment.kind])
    blob = (attachment_dir() / attachment.stored_name).read_bytes()
    data = decrypt_bytes(blob, context=f"attachment:{attachment.stored_name}")
    audit_record(
        actor=actor,
        action=CaseAction.ATTACHMENT_DOWNLOADED,
        object_type="attachment",
        object_id=attachment.pk,
        details={"case": attachment.case_id, "kind": attachment.kind},
    )
    return data


def rotate_attachment_files(tick: Any) -> int:
    """Re-encrypt attachment files under the active key (registered with crypto.rotation)."""
    from harbourline.crypto.aead import blob_key_id
    from harbourline.crypto.keys import get_keyring

    active, count = get_keyring().active_id, 0
    for attachment in Attachment.objects.only("stored_name").iterator():
        path = attachment_dir() / attachment.stored_name
        if not path.exists():
            continue
        blob = path.read_bytes()
        if blob_key_id(blob) != active:
            context = f"attachment:{attachment.stored_name}"
            tmp = path.with_suffix(".rotating")
            tmp.write_bytes(encrypt_bytes(decrypt_bytes(blob, context=context), context=context))
            tmp.replace(path)
            count += 1
    return count


__all__ = ["bump", "lock_case"]
