"""Writes of the campaign app. Each checks the actor's permission first and writes its audit row inside the
same transaction; bad input raises ValidationError and changes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from harbourline.accounts.models import User
from harbourline.audit.services import audit_record
from harbourline.country.selectors import district_choices
from harbourline.public.models import Material

from .access import require_manage
from .actions import CampaignAction
from .imports import ImportResult
from .models import Activity, Audience, Campaign, CampaignLanguage, Phase

CAMPAIGN_FIELDS = ("name", "objectives", "audiences", "districts", "languages", "partners", "budget")
PHASE_FIELDS = ("name", "objectives", "audiences", "districts", "budget", "start_date", "end_date")
ACTIVITY_FIELDS = (
    "phase",
    "channel",
    "title",
    "district",
    "date",
    "audience",
    "estimated_reach",
    "counted_reach",
    "partner",
    "cost",
    "materials_distributed",
    "notes",
)


def _check_codes(field: str, values: Iterable[str], allowed: Iterable[str], what: str) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError({field: f"Unknown {what}: {', '.join(unknown)}."})


def _check_plan(obj: Campaign | Phase) -> None:
    if obj.end_date < obj.start_date:
        raise ValidationError({"end_date": "The end date cannot be before the start date."})
    _check_codes("audiences", obj.audiences, Audience.values, "audience")
    _check_codes("districts", obj.districts, [c for c, _ in district_choices()], "district")


def _check_campaign(campaign: Campaign) -> None:
    campaign.full_clean()
    _check_plan(campaign)
    _check_codes("languages", campaign.languages, CampaignLanguage.values, "language")
    if not campaign.audiences:
        raise ValidationError({"audiences": "Choose at least one target audience."})


@transaction.atomic
def campaign_create(*, actor: User, **fields: Any) -> Campaign:
    require_manage(actor)
    campaign = Campaign(created_by=actor, **fields)
    _check_campaign(campaign)
    campaign.save()
    audit_record(
        actor=actor,
        action=CampaignAction.CAMPAIGN_CREATED,
        object_type="campaign.campaign",
        object_id=campaign.pk,
        details={"districts": list(campaign.districts), "budget": str(campaign.budget)},
    )
    return campaign


@transaction.atomic
def campaign_update(*, actor: User, campaign: Campaign, **fields: Any) -> Campaign:
    require_manage(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    changed = [name for name, value in fields.items() if getattr(campaign, name) != value]
    for name, value in fields.items():
        setattr(campaign, name, value)
    _check_campaign(campaign)
    campaign.save()
    audit_record(
        actor=actor,
        action=CampaignAction.CAMPAIGN_UPDATED,
        object_type="campaign.campaign",
        object_id=campaign.pk,
        details={"fields": sorted(changed)},
    )
    return campaign


@transaction.atomic
def phase_save(*, actor: User, campaign: Campaign, phase: Phase | None = None, **fields: Any) -> Phase:
    require_manage(actor)
    phase = phase or Phase(campaign=campaign)
    if phase.campaign_id != campaign.pk:
        raise ValidationError("This phase belongs to another campaign.")
    for name, value in fields.items():
        setattr(phase, name, value)
    phase.full_clean()
    _check_plan(phase)
    if phase.start_date < campaign.start_date or phase.end_date > campaign.end_date:
        raise ValidationError({"start_date": "A phase must fall within the campaign's dates."})
    phase.save()
    audit_record(
        actor=actor,
        action=CampaignAction.PHASE_SAVED,
        object_type="campaign.phase",
        object_id=phase.pk,
        details={"campaign": campaign.pk},
    )
    return phase


def _check_activity(activity: Activity) -> None:
    activity.full_clean(exclude=["materials"])
    if activity.district and activity.district not in {c for c, _ in district_choices()}:
        raise ValidationError({"district": "Unknown district."})
    if activity.phase is not None and activity.phase.campaign_id != activity.campaign_id:
        raise ValidationError({"phase": "That phase belongs to another campaign."})
    campaign = activity.campaign
    if not campaign.start_date <= activity.date <= campaign.end_date:
        raise ValidationError(
            {
                "date": f"The date must fall within the campaign ({campaign.start_date:%d %b %Y} to "
                f"{campaign.end_date:%d %b %Y})."
            }
        )


@transaction.atomic
def activity_record(
    *, actor: User, campaign: Campaign, materials: Iterable[Material] = (), **fields: Any
) -> Activity:
    require_manage(actor)
    activity = Activity(campaign=campaign, created_by=actor, **fields)
    _check_activity(activity)
    activity.save()
    activity.materials.set(list(materials))
    audit_record(
        actor=actor,
        action=CampaignAction.ACTIVITY_RECORDED,
        object_type="campaign.activity",
        object_id=activity.pk,
        details={"campaign": campaign.pk, "channel": activity.channel, "district": activity.district},
    )
    return activity


@transaction.atomic
def activity_update(
    *, actor: User, activity: Activity, materials: Iterable[Material] | None = None, **fields: Any
) -> Activity:
    require_manage(actor)
    activity = Activity.objects.select_for_update().select_related("campaign").get(pk=activity.pk)
    changed = [name for name, value in fields.items() if getattr(activity, name) != value]
    for name, value in fields.items():
        setattr(activity, name, value)
    _check_activity(activity)
    activity.save()
    if materials is not None:
        activity.materials.set(list(materials))
    audit_record(
        actor=actor,
        action=CampaignAction.ACTIVITY_UPDATED,
        object_type="campaign.activity",
        object_id=activity.pk,
        details={"fields": sorted(changed)},
    )
    return activity


@transaction.atomic
def activities_import(
    *, actor: User, campaign: Campaign, result: ImportResult, valid_rows_only: bool = False
) -> list[Activity]:
    """Save the rows of a checked spreadsheet. A file with any error saves nothing, unless the officer chose
    to import the valid rows (``valid_rows_only``)."""
    require_manage(actor)
    if result.campaign_id != campaign.pk:
        raise ValidationError("This file was checked against another campaign.")
    if result.errors and not valid_rows_only:
        raise ValidationError(
            f"The file has {len(result.error_rows)} row(s) with errors: nothing was saved. Correct them, or "
            "choose to import only the rows without errors."
        )
    if not result.valid:
        raise ValidationError("The file has no row to import.")
    created = []
    for row in result.valid:
        activity = Activity(campaign=campaign, created_by=actor, source="spreadsheet", **row.fields)
        _check_activity(activity)
        activity.save()
        if row.materials:
            activity.materials.set(row.materials)
        created.append(activity)
    audit_record(
        actor=actor,
        action=CampaignAction.ACTIVITIES_IMPORTED,
        object_type="campaign.campaign",
        object_id=campaign.pk,
        details={
            "rows_saved": len(created),
            "rows_with_errors": len(result.error_rows),
            "valid_rows_only": valid_rows_only,
        },
    )
    return created
