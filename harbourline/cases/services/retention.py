"""Retention: personal data of cases closed longer than the retention period is destroyed; the
non-identifying statistics columns stay, so aggregate figures do not change."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from harbourline.country.selectors import active_profile

from ..actions import CaseAction
from ..codes import CaseStatus
from ..models import Case, CaseEvent, Consent, IdentificationDecision, Person
from .care import attachment_dir
from .common import record
from .protection import protection_purge

if TYPE_CHECKING:
    from harbourline.accounts.models import User

PERSON_PERSONAL = ("given_names", "family_name", "aliases", "document_number", "phone", "email", "address")


def retention_years() -> int:
    configured = getattr(settings, "HARBOURLINE_CASE_RETENTION_YEARS", None)
    return int(configured or active_profile().get("retention", {}).get("closed_case_years", 7))


def purge_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(days=round(365.25 * retention_years()))


@transaction.atomic
def case_purge(*, actor: User | None, case: Case) -> None:
    """Destroy the personal data of one closed case. Irreversible; audited."""
    person: Person = case.person
    for name in PERSON_PERSONAL:
        setattr(person, name, "")
    person.date_of_birth = None
    person.purged_at = timezone.now()
    person.save()
    person.name_index.all().delete()
    person.dependants.all().delete()
    case.summary = ""
    case.purged_at = timezone.now()
    case.save(update_fields=["summary", "purged_at"])
    case.notes.all().update(text="")
    case.tasks.all().update(title="")
    case.plan_items.all().update(description="", outcome="")
    case.risk_assessments.all().update(threats="", safety_plan="")
    CaseEvent.objects.filter(case=case).update(reason="")
    IdentificationDecision.objects.filter(case=case).update(basis="")
    protection_purge(case)
    Consent.objects.filter(case=case).update(guardian_name="", withdrawal_reason="")
    if hasattr(case, "health"):
        case.health.health_needs = case.health.medical_notes = case.health.psychosocial_notes = ""
        case.health.save()
    for attachment in case.attachments.all():
        (attachment_dir() / attachment.stored_name).unlink(missing_ok=True)
        attachment.filename = ""
        attachment.save(update_fields=["filename"])
    record(actor, case, CaseAction.PURGED, "purged", retention_years=retention_years())


def purge_expired(*, actor: User | None = None, now: datetime.datetime | None = None) -> int:
    """Purge every case closed before the cutoff and not yet purged. Returns how many."""
    due = Case.objects.filter(
        status=CaseStatus.CLOSED, closed_at__lt=purge_cutoff(now), purged_at__isnull=True
    )
    count = 0
    for case in due.select_related("person").iterator():
        case_purge(actor=actor, case=case)
        count += 1
    return count
