"""Retention: personal data of cases closed longer than the retention period is destroyed; the
non-identifying statistics columns stay, so aggregate figures do not change."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from harbourline.country.selectors import active_profile
from harbourline.crypto.fields import BlindIndexField, EncryptedTextField

from ..actions import CaseAction
from ..codes import CaseStatus
from ..models import Case, Person
from .care import attachment_dir
from .common import record
from .protection import protection_purge

if TYPE_CHECKING:
    from harbourline.accounts.models import User

# Rows in these apps are not the case's personal data (the audit trail is append-only; users are staff).
NOT_FOLLOWED_APPS = {"audit", "accounts"}


def personal_fields(model: type[models.Model]) -> list[models.Field]:  # type: ignore[type-arg]
    """Fields the purge empties: every encrypted field, blind index and free-text field of the model."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, EncryptedTextField | BlindIndexField)
        or (isinstance(f, models.TextField) and not f.choices)
    ]


def linked_rows(case: Case) -> list[tuple[type[models.Model], models.QuerySet]]:  # type: ignore[type-arg]
    """The case, its person and every row that hangs off either (notes, shares, screenings and their answers,
    the tip it came from with its messages and events, ...), found from the model metadata so that a model
    added later is covered."""
    found: list[tuple[type[models.Model], models.QuerySet]] = [  # type: ignore[type-arg]
        (Case, Case.objects.filter(pk=case.pk)),
        (Person, Person.objects.filter(pk=case.person_id)),
    ]
    seen: set[type[models.Model]] = {Case, Person}
    i = 0
    while i < len(found):
        model, rows = found[i]
        for rel in model._meta.related_objects:
            child: Any = rel.related_model
            if (
                child in seen
                or child._meta.app_label in NOT_FOLLOWED_APPS
                or not (rel.one_to_many or rel.one_to_one)
            ):
                continue
            seen.add(child)
            field = rel.field.name
            found.append((child, child._default_manager.filter(**{f"{field}__in": rows.values("pk")})))
        i += 1
    return found


def _empty_linked(case: Case) -> None:
    for model, rows in linked_rows(case):
        if model in (Case, Person):
            continue  # saved through the model below
        empty = {f.name: None if f.null else "" for f in personal_fields(model)}
        if empty:
            rows.update(**empty)


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
    for field in personal_fields(Person):
        if not isinstance(field, BlindIndexField):  # recomputed (empty) on save
            setattr(person, field.attname, None if field.null else "")
    person.purged_at = timezone.now()
    person.save()
    person.name_index.all().delete()
    person.dependants.all().delete()
    for field in personal_fields(Case):
        setattr(case, field.attname, None if field.null else "")
    case.purged_at = timezone.now()
    case.save(update_fields=[*(f.name for f in personal_fields(Case)), "purged_at"])
    protection_purge(case)
    for attachment in case.attachments.all():
        (attachment_dir() / attachment.stored_name).unlink(missing_ok=True)
    _empty_linked(case)
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
