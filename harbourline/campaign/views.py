"""Pages of the campaign: plan, activities, spreadsheet import, reach and cost. Views route and render; the
services and selectors check who may do what."""

from __future__ import annotations

import base64
import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.models import User
from harbourline.audit.services import audit_read
from harbourline.country.selectors import active_profile, district_name

from . import report, services
from .access import READ_PERMS, WRITE_PERMS, can_manage
from .actions import CampaignAction
from .charts import bar_chart, timeline_chart
from .forms import ActivityForm, CampaignForm, ImportForm, PhaseForm
from .imports import COLUMNS, HINTS, REQUIRED, parse_activities, template_csv, template_xlsx
from .models import Audience, CampaignLanguage
from .selectors import (
    activities_of,
    activity_get_for_user,
    campaign_get_for_user,
    campaign_list,
    phase_get_for_user,
    reach_figures,
)

IMPORT_SESSION_KEY = "campaign_import"


def actor(request: HttpRequest) -> User:
    """The signed-in user of a view guarded by @require_perm."""
    return request.user  # type: ignore[return-value]


def add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_perm(*READ_PERMS)
def campaigns(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "campaign/campaign_list.html",
        {"rows": campaign_list(actor(request)), "can_manage": can_manage(actor(request))},
    )


@require_perm(*WRITE_PERMS)
def campaign_create(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=actor(request), **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Campaign saved. Add its phases, then record activities.")
            return redirect("campaign:campaign", pk=campaign.pk)
    return render(request, "campaign/campaign_form.html", {"form": form, "campaign": None})


@require_perm(*WRITE_PERMS)
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_user(request, pk)
    form = CampaignForm(request.POST or None, initial=CampaignForm.initial_from(campaign))
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(actor=actor(request), campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Campaign saved.")
            return redirect("campaign:campaign", pk=campaign.pk)
    return render(request, "campaign/campaign_form.html", {"form": form, "campaign": campaign})


def _labels(codes: list[str], choices: Any) -> list[str]:
    labels = dict(choices)
    return [str(labels.get(code, code)) for code in codes]


@require_perm(*READ_PERMS)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_user(request, pk)
    user = actor(request)
    activities = list(activities_of(user, campaign))
    spent = sum((a.cost for a in activities), start=campaign.budget * 0)
    phases = []
    for phase in campaign.phases.all():
        of_phase = [a for a in activities if a.phase_id == phase.pk]
        phases.append(
            {
                "phase": phase,
                "audiences": _labels(phase.audiences, Audience.choices),
                "districts": [district_name(d) for d in phase.districts],
                "activities": len(of_phase),
                "spent": sum((a.cost for a in of_phase), start=phase.budget * 0),
            }
        )
    return render(
        request,
        "campaign/campaign_detail.html",
        {
            "campaign": campaign,
            "audiences": _labels(campaign.audiences, Audience.choices),
            "districts": [district_name(d) for d in campaign.districts],
            "languages": _labels(campaign.languages, CampaignLanguage.choices),
            "phases": phases,
            "activities": activities,
            "spent": spent,
            "remaining": campaign.budget - spent,
            "can_manage": can_manage(user),
        },
    )


@require_perm(*WRITE_PERMS)
def phase_edit(request: HttpRequest, pk: int, phase_pk: int | None = None) -> HttpResponse:
    campaign = campaign_get_for_user(request, pk)
    phase = phase_get_for_user(request, campaign, phase_pk) if phase_pk is not None else None
    initial = {name: getattr(phase, name) for name in PhaseForm.base_fields} if phase else {}
    form = PhaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_save(actor=actor(request), campaign=campaign, phase=phase, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Phase saved.")
            return redirect("campaign:campaign", pk=campaign.pk)
    return render(request, "campaign/phase_form.html", {"form": form, "campaign": campaign, "phase": phase})


@require_perm(*WRITE_PERMS)
def activity_edit(request: HttpRequest, pk: int, activity_pk: int | None = None) -> HttpResponse:
    campaign = campaign_get_for_user(request, pk)
    activity = activity_get_for_user(request, campaign, activity_pk) if activity_pk is not None else None
    initial: dict[str, Any] = {}
    if activity is not None:
        initial = {name: getattr(activity, name) for name in ActivityForm.base_fields if name != "materials"}
        initial["materials"] = list(activity.materials.all())
    form = ActivityForm(request.POST or None, initial=initial, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        materials = data.pop("materials")
        try:
            if activity is None:
                services.activity_record(actor=actor(request), campaign=campaign, materials=materials, **data)
            else:
                services.activity_update(actor=actor(request), activity=activity, materials=materials, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Activity saved.")
            if "another" in request.POST:
                return redirect("campaign:activity_create", pk=campaign.pk)
            return redirect("campaign:campaign", pk=campaign.pk)
    return render(
        request, "campaign/activity_form.html", {"form": form, "campaign": campaign, "activity": activity}
    )


@require_perm(*WRITE_PERMS)
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="campaign-activities-template.{fmt}"'
    return response


@require_perm(*WRITE_PERMS)
def activities_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1: upload and check. Step 2 (``confirm``): save, from the file kept in the session."""
    campaign = campaign_get_for_user(request, pk)
    form = ImportForm()
    result = None
    stored = request.session.get(IMPORT_SESSION_KEY) or {}
    if request.method == "POST" and "confirm" in request.POST:
        if stored.get("campaign") != campaign.pk:
            messages.error(request, "Upload the file again: the checked file was not found.")
            return redirect("campaign:activities_import", pk=campaign.pk)
        result = parse_activities(campaign, base64.b64decode(stored["content"]), stored["name"])
        try:
            created = services.activities_import(
                actor=actor(request),
                campaign=campaign,
                result=result,
                valid_rows_only=request.POST.get("confirm") == "valid_only",
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            del request.session[IMPORT_SESSION_KEY]
            skipped = len(result.error_rows)
            messages.success(
                request,
                f"{len(created)} activit{'y' if len(created) == 1 else 'ies'} imported"
                + (f"; {skipped} row(s) with errors were left out." if skipped else "."),
            )
            return redirect("campaign:campaign", pk=campaign.pk)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read(2 * 1024 * 1024 + 1)
            result = parse_activities(campaign, content, upload.name)
            if result.file_error:
                form.add_error("file", result.file_error)
                result = None
            else:
                request.session[IMPORT_SESSION_KEY] = {
                    "campaign": campaign.pk,
                    "name": upload.name,
                    "content": base64.b64encode(content).decode("ascii"),
                }
    return render(
        request,
        "campaign/activities_import.html",
        {
            "campaign": campaign,
            "form": form,
            "result": result,
            "columns": [(c, HINTS[c], c in REQUIRED) for c in COLUMNS],
        },
    )


@require_perm(*READ_PERMS)
def reach(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_user(request, pk)
    figures = reach_figures(actor(request), campaign)
    charts = [
        (b, bar_chart([(r.label, r.reach) for r in b.rows], title=f"People reached, {b.title.lower()}"))
        for b in figures["breakdowns"]
    ]
    weeks = figures["weeks"]
    return render(
        request,
        "campaign/reach.html",
        {
            "campaign": campaign,
            "figures": figures,
            "charts": charts,
            "timeline_chart": timeline_chart(
                [(w.week, w.activities, w.tips) for w in weeks],
                title="Activities and tips received, per week",
                first="Activities held",
                second="Tips received",
            ),
            "heard_via_chart": bar_chart(figures["heard_via"], title="How tip senders heard of the hotline"),
        },
    )


def _period(request: HttpRequest) -> tuple[datetime.date, datetime.date, str]:
    """The report's period from ?start=YYYY-MM-DD&end=YYYY-MM-DD; by default this year so far."""
    today = timezone.localdate()
    start, end, error = datetime.date(today.year, 1, 1), today, ""
    try:
        if request.GET.get("start"):
            start = datetime.date.fromisoformat(request.GET["start"])
        if request.GET.get("end"):
            end = datetime.date.fromisoformat(request.GET["end"])
    except ValueError:
        error = "Enter the dates as year-month-day, for example 2026-03-31."
        start, end = datetime.date(today.year, 1, 1), today
    if end < start:
        error = "The end of the period cannot be before its start."
        start, end = end, start
    return start, end, error


@require_perm(*READ_PERMS)
def donor_report(request: HttpRequest) -> HttpResponse:
    start, end, error = _period(request)
    return render(
        request,
        "campaign/donor_report.html",
        {
            "report": report.donor_report(actor(request), start, end),
            "error": error,
            "query": request.GET.urlencode(),
        },
    )


@require_perm(*READ_PERMS)
def donor_report_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "pdf"):
        raise Http404("Unknown format")
    start, end, _ = _period(request)
    figures = report.donor_report(actor(request), start, end)
    audit_read(
        request,
        action=CampaignAction.REPORT_EXPORTED,
        object_type="campaign.donor_report",
        object_id=f"{start}..{end}",
        format=fmt,
    )
    if fmt == "xlsx":
        response = HttpResponse(
            report.report_xlsx(figures),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            report.report_pdf(figures, country=active_profile()["name"]), content_type="application/pdf"
        )
    response["Content-Disposition"] = f'attachment; filename="awareness-logframe-{start}-{end}.{fmt}"'
    return response
