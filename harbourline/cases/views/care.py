"""Protection and assistance pages: risk, protection status, health, plan, tasks, notes, attachments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read
from harbourline.core.http import as_download
from harbourline.core.params import parse_int
from harbourline.core.uploads import explain_refused_upload, upload_limit

from .. import services
from ..actions import CaseAction
from ..forms import AttachmentForm, HealthForm, NoteForm, PlanItemForm, ProtectionForm, RiskForm, TaskForm
from ..models import Attachment, Case, HealthRecord, Note, PlanItem
from ..models.care import ServiceCategory
from .common import actor, attempt, data_without, get_case

ATTACHMENT_SECTION = {
    "identity": "identity",
    "photo": "identity",
    "medical": "health",
    "legal": "case",
    "other": "case",
}


def _owner_only(request: HttpRequest, case: Case) -> None:
    if actor(request).agency_id != case.owning_agency_id:
        raise PermissionDenied


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def risk_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, "case", audit_page="risk")
    _owner_only(request, case)
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
    case = get_case(request, case_id, "case", audit_page="protection")
    _owner_only(request, case)
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
    case = get_case(request, case_id, "health")
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
    return render(request, "cases/health.html", {"case": case, "form": form, "health": health})


@require_perm(Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)
@require_http_methods(["GET", "POST"])
def plan_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case plan, with the CTA s.24 checklist; new items by the owning agency."""
    case = get_case(request, case_id, "plan", audit_page="plan")
    user = actor(request)
    can_add = user.has_hl_perm(Perm.CASE_EDIT) and user.agency_id == case.owning_agency_id
    form = PlanItemForm(request.POST or None, initial={"status": "planned"})
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid() and attempt(
            form, lambda: services.plan_item_save(actor=user, case=case, **data_without(form, "version"))
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
    case = get_case(request, case_id, "plan")
    item: PlanItem = get_object_or_404(case.plan_items, pk=item_id)
    user = actor(request)
    if user.agency_id != case.owning_agency_id and item.provider_id != user.agency_id:
        raise PermissionDenied
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
    case = get_case(request, case_id, "plan")
    _owner_only(request, case)
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
    case = get_case(request, case_id, "plan")
    _owner_only(request, case)
    services.task_done(actor=actor(request), task=get_object_or_404(case.tasks, pk=task_id))
    messages.success(request, "Task done.")
    return redirect("cases:plan", case_id=case.pk)


def notes_for(user: User, case: Case) -> QuerySet[Note]:
    qs = case.notes.select_related("author", "author_agency")
    if user.agency_id != case.owning_agency_id:
        return qs.filter(level="normal")
    if not user.has_hl_perm(Perm.CASE_HEALTH):
        return qs.filter(~Q(level="sensitive"))
    return qs


@require_perm(Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)
@require_http_methods(["GET", "POST"])
def notes_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, "notes", audit_page="notes")
    user = actor(request)
    can_write = any(user.has_hl_perm(p) for p in (Perm.CASE_EDIT, Perm.CASE_SERVICE_RECORD, Perm.CASE_HEALTH))
    form = NoteForm(request.POST or None)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        corrects_raw = request.POST.get("corrects", "")
        corrects_pk = parse_int(corrects_raw)
        corrects = notes_for(user, case).filter(pk=corrects_pk).first() if corrects_pk is not None else None
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
        {"case": case, "form": form, "notes": notes_for(user, case), "can_write": can_write},
    )


def _visible_attachments(request: HttpRequest, case: Case) -> list[Attachment]:
    visible = case.visible_sections  # type: ignore[attr-defined]
    return [
        a for a in case.attachments.select_related("uploaded_by") if ATTACHMENT_SECTION[a.kind] in visible
    ]


@require_perm(Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)
@require_http_methods(["GET", "POST"])
@upload_limit(services.care.MAX_ATTACHMENT_BYTES)
def attachments_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, audit_page="attachments")
    user = actor(request)
    can_upload = user.has_hl_perm(Perm.CASE_EDIT) and user.agency_id == case.owning_agency_id
    form = AttachmentForm(request.POST or None, request.FILES or None)
    explain_refused_upload(request, form)
    if request.method == "POST":
        if not can_upload:
            raise PermissionDenied
        if form.is_valid():
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
            "attachments": _visible_attachments(request, case),
        },
    )


@require_perm(Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)
def attachment_download_view(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    case = get_case(request, case_id)
    attachment = next((a for a in _visible_attachments(request, case) if a.pk == attachment_id), None)
    if attachment is None:
        raise Http404("No such file.")
    data = services.attachment_read(actor=actor(request), attachment=attachment)
    response = as_download(HttpResponse(data, content_type=attachment.content_type), attachment.filename)
    response["Cache-Control"] = "no-store"
    return response
