from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read
from harbourline.core.http import as_download
from harbourline.core.uploads import explain_refused_upload, upload_limit

from .. import services
from ..actions import TrainingAction
from ..forms import MaterialForm, ModuleForm, QuestionForm
from ..models import Module
from ..selectors import (
    latest_materials,
    material_get_for_user,
    module_get_for_user,
    modules_with_counts,
    question_bank_analysis,
)
from ..services.curriculum import MAX_MATERIAL_BYTES
from .common import add_errors, staff
from .workshops import RUN

MODULE_FIELDS = (
    "title",
    "code",
    "summary",
    "objectives",
    "target_sectors",
    "duration_minutes",
    "order",
    "is_active",
)


@require_perm(*RUN)
def curriculum(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "training/curriculum.html",
        {
            "modules": modules_with_counts(),
            "can_manage": request.user.has_hl_perm(Perm.TRAINING_MANAGE),  # type: ignore[union-attr]
        },
    )


@require_perm(*RUN)
def module_detail(request: HttpRequest, pk: int) -> HttpResponse:
    module = module_get_for_user(request, pk)
    analysis = question_bank_analysis(module)
    questions = list(module.questions.order_by("form", "pk"))
    for question in questions:
        question.discrimination = analysis.get(question.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "training/module_detail.html",
        {
            "module": module,
            "materials": latest_materials(module),
            "questions": questions,
            "flagged": sum(1 for d in analysis.values() if d.flag),
            "can_manage": request.user.has_hl_perm(Perm.TRAINING_MANAGE),  # type: ignore[union-attr]
        },
    )


@require_perm(Perm.TRAINING_MANAGE)
def module_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    module = module_get_for_user(request, pk) if pk is not None else None
    exclude_pk = module.pk if module else 0
    initial = (
        {f: getattr(module, f) for f in MODULE_FIELDS} if module else {"order": 100, "duration_minutes": 90}
    )
    form = ModuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        code_taken = Module.objects.filter(code=form.cleaned_data["code"]).exclude(pk=exclude_pk).exists()
        if code_taken:
            form.add_error("code", "Another module has this code.")
        else:
            try:
                module = services.module_save(actor=staff(request), module=module, **form.cleaned_data)  # type: ignore[arg-type]
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, "Module saved.")
                return redirect("training:module", pk=module.pk)
    return render(request, "training/module_form.html", {"form": form, "module": module})


@require_perm(Perm.TRAINING_MANAGE)
@upload_limit(MAX_MATERIAL_BYTES)
def material_upload(request: HttpRequest, pk: int) -> HttpResponse:
    module = module_get_for_user(request, pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    explain_refused_upload(request, form)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.material_upload(
                actor=staff(request),
                module=module,
                title=form.cleaned_data["title"],  # type: ignore[arg-type]
                file_name=upload.name,
                data=upload.read(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Material uploaded.")
            return redirect("training:module", pk=module.pk)
    return render(request, "training/material_form.html", {"form": form, "module": module})


@require_perm(*RUN)
def material_download(request: HttpRequest, pk: int) -> HttpResponse:
    material = material_get_for_user(request, pk)
    audit_read(
        request,
        action=TrainingAction.MATERIAL_DOWNLOADED,
        object_type="training.material",
        object_id=material.pk,
    )
    response = as_download(
        HttpResponse(bytes(material.data), content_type=material.content_type), material.file_name
    )
    response["Cache-Control"] = "no-store"
    return response


@require_perm(Perm.TRAINING_MANAGE)
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    module = module_get_for_user(request, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_save(
                actor=staff(request),
                module=module,
                text=data["text"],
                choices=data["choices"],  # type: ignore[arg-type]
                correct_index=data["correct_index"],
                form=data["form"],
                explanation=data["explanation"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Question added to the bank.")
            return redirect("training:module", pk=module.pk)
    return render(request, "training/question_form.html", {"form": form, "module": module})
