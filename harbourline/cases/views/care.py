"""Protection and assistance pages: risk, protection status, health, plan, tasks, notes, attachments."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read
from harbourline.core.http import as_download
from harbourline.core.params import parse_int
from harbourline.core.uploads import explain_refused_upload, upload_limit

from .. import policy, services
from ..actions import CaseAction
from ..codes import CaseSection
from ..forms import AttachmentForm, HealthForm, NoteForm, PlanItemForm, ProtectionForm, RiskForm, TaskForm
from ..models import HealthRecord
from ..models.care import ServiceCategory
from ..selectors import Need, case_attachments_for, case_notes_for, plan_item_for_user
from .common import actor, attempt, data_without, get_case, refusing


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def risk_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.CHANGE, audit_page="risk")
    form = RiskForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(form, lambda: services.risk_assess(actor=actor(request), case=case, **form.cleaned_data))
    ):
        messages.success(request, "Risk assessment recorded.")
        return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/risk.html",
        {"case": case, "form": form, "assessments": case.risk_assessments.select_related("assessed_by")},
    )


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def protection_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.CHANGE, audit_page="protection")
    names = [n for n in ProtectionForm.base_fields if n != "version"]
    initial = {n: getattr(case, n) for n in names} | {"version": case.version}
    initial["work_authorised"] = {True: "yes", False: "no"}.get(case.work_authorised, "")  # type: ignore[arg-type]
    form = ProtectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if attempt(
            form, lambda: services.protection_update(actor=actor(request), case=case, version=version, **data)
        ):
            messages.success(request, "Protection status saved.")
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/case_form.html",
        {"form": form, "case": case, "title": f"Reflection period, residence and work: {case.number}"},
    )


@require_perm(Perm.CASE_HEALTH)
@require_http_methods(["GET", "POST"])
def health_view(request: HttpRequest, case_id: int) -> HttpResponse:
    need = Need.CONTRIBUTE if request.method == "POST" else Need.READ
    case = get_case(request, case_id, CaseSection.HEALTH, need=need)
    health = HealthRecord.objects.filter(case=case).first() or HealthRecord(case=case)
    if request.method == "GET":
        audit_read(request, action=CaseAction.HEALTH_VIEWED, object_type="case", object_id=case.pk)
    initial = {
        "version": health.version,
        "health_needs": health.health_needs,
        "medical_notes": health.medical_notes,
        "psychosocial_notes": health.psychosocial_notes,
    }
    form = HealthForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if attempt(
            form, lambda: services.health_update(actor=actor(request), case=case, version=version, **data)
        ):
            messages.success(request, "Health section saved.")
            return redirect("cases:health", case_id=case.pk)
    return render(
        request,
        "cases/health.html",
        {
            "case": case,
            "form": form,
            "health": health,
            "can_write": policy.can_contribute(actor(request), case, CaseSection.HEALTH),
        },
    )


@require_perm(Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)
@require_http_methods(["GET", "POST"])
def plan_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case plan, with the CTA s.24 checklist; new items by the owning agency."""
    need = Need.CHANGE if request.method == "POST" else Need.READ
    case = get_case(request, case_id, CaseSection.PLAN, need=need, audit_page="plan")
    user = actor(request)
    can_add = policy.can_change(user, case, CaseSection.PLAN)
    form = PlanItemForm(request.POST or None, initial={"status": "planned"})
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form, lambda: services.plan_item_save(actor=user, case=case, **data_without(form, "version"))
        )
    ):
        messages.success(request, "Added to the plan.")
        return redirect("cases:plan", case_id=case.pk)
    items = list(case.plan_items.select_related("provider", "responsible"))
    covered = {i.category for i in items}
    checklist = [
        (value, label, value in covered) for value, label in ServiceCategory.choices if value != "other"
    ]
    return render(
        request,
        "cases/plan.html",
        {
            "case": case,
            "form": form,
            "items": items,
            "checklist": checklist,
            "can_add": can_add,
            "today": timezone.localdate(),
            "task_form": TaskForm(),
            "tasks": case.tasks.select_related("assigned_to"),
        },
    )


@require_perm(Perm.CASE_EDIT, Perm.CASE_SERVICE_RECORD)
@require_http_methods(["GET", "POST"])
def plan_item_view(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.PLAN, audit_page="plan_item")
    user = actor(request)
    item = refusing(request, lambda: plan_item_for_user(user, case, item_id))
    names = [n for n in PlanItemForm.base_fields if n != "version"]
    form = PlanItemForm(
        request.POST or None, initial={n: getattr(item, n) for n in names} | {"version": item.version}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if attempt(
            form, lambda: services.plan_item_save(actor=user, case=case, item=item, version=version, **data)
        ):
            messages.success(request, "Plan item saved.")
            return redirect("cases:plan", case_id=case.pk)
    return render(
        request,
        "cases/case_form.html",
        {"form": form, "case": case, "title": f"{item.get_category_display()}: {case.number}"},
    )


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["POST"])
def task_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.PLAN, need=Need.CHANGE)
    form = TaskForm(request.POST)
    if form.is_valid() and attempt(
        form, lambda: services.task_save(actor=actor(request), case=case, **form.cleaned_data)
    ):
        messages.success(request, "Task added.")
    else:
        messages.error(request, "The task needs what to do and a due date.")
    return redirect("cases:plan", case_id=case.pk)


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["POST"])
def task_done_view(request: HttpRequest, case_id: int, task_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.PLAN, need=Need.CHANGE)
    services.task_done(actor=actor(request), task=get_object_or_404(case.tasks, pk=task_id))
    messages.success(request, "Task done.")
    return redirect("cases:plan", case_id=case.pk)


@require_perm(Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)
@require_http_methods(["GET", "POST"])
def notes_view(request: HttpRequest, case_id: int) -> HttpResponse:
    need = Need.CONTRIBUTE if request.method == "POST" else Need.READ
    case = get_case(request, case_id, CaseSection.NOTES, need=need, audit_page="notes")
    user = actor(request)
    can_write = policy.can_contribute(user, case, CaseSection.NOTES)
    form = NoteForm(request.POST or None)
    if request.method == "POST":
        corrects_raw = request.POST.get("corrects", "")
        corrects_pk = parse_int(corrects_raw)
        corrects = (
            case_notes_for(user, case).filter(pk=corrects_pk).first() if corrects_pk is not None else None
        )
        valid = form.is_valid()
        if corrects_raw and corrects is None:
            form.add_error(None, "Choose the note to correct from this case's notes.")
            valid = False
        if valid and attempt(
            form, lambda: services.note_add(actor=user, case=case, corrects=corrects, **form.cleaned_data)
        ):
            messages.success(request, "Note added.")
            return redirect("cases:notes", case_id=case.pk)
    return render(
        request,
        "cases/notes.html",
        {"case": case, "form": form, "notes": case_notes_for(user, case), "can_write": can_write},
    )


@require_perm(Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)
@require_http_methods(["GET", "POST"])
@upload_limit(services.care.MAX_ATTACHMENT_BYTES)
def attachments_view(request: HttpRequest, case_id: int) -> HttpResponse:
    posting = request.method == "POST"
    case = get_case(
        request,
        case_id,
        CaseSection.CASE if posting else None,
        need=Need.CHANGE if posting else Need.READ,
        audit_page="attachments",
    )
    user = actor(request)
    can_upload = policy.can_change(user, case, CaseSection.CASE)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    explain_refused_upload(request, form)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.care.MAX_ATTACHMENT_BYTES:
            form.add_error("file", "The file is larger than 10 MB.")
        elif attempt(
            form,
            lambda: services.attachment_add(
                actor=user,
                case=case,
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                data=upload.read(),
            ),
        ):
            messages.success(request, "File added. It is stored encrypted.")
            return redirect("cases:attachments", case_id=case.pk)
    return render(
        request,
        "cases/attachments.html",
        {
            "case": case,
            "form": form,
            "can_upload": can_upload,
            "attachments": case_attachments_for(user, case),
        },
    )


@require_perm(Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)
def attachment_download_view(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    case = get_case(request, case_id)
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("No such file.")
    data = services.attachment_read(actor=actor(request), attachment=attachment)
    response = as_download(HttpResponse(data, content_type=attachment.content_type), attachment.filename)
    response["Cache-Control"] = "no-store"
    return response
