"""The campaign officer's pages: edit and publish the public site's pages in each language, and materials."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm
from harbourline.core.uploads import explain_refused_upload, upload_limit

from . import selectors, services
from .forms import MAX_MATERIAL_BYTES, MaterialForm, PageForm, VersionForm
from .markup import render_markup
from .models import Language
from .translations import strings_needing_review

if TYPE_CHECKING:
    from harbourline.accounts.models import User


def _actor(request: HttpRequest) -> User:
    return cast("User", request.user)


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_http_methods(["GET"])
def page_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "public/manage/page_list.html", {"rows": selectors.page_list_for_manage()})


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_http_methods(["GET", "POST"])
def page_create_view(request: HttpRequest) -> HttpResponse:
    form = PageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            page = services.page_create(actor=_actor(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error("slug", error.message_dict.get("slug", error.messages))
        else:
            messages.success(request, "Page created. Now write its English text.")
            return redirect("public:manage_edit", page_id=page.pk, language=Language.ENGLISH)
    return render(request, "public/manage/page_create.html", {"form": form})


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_http_methods(["GET"])
def page_detail_view(request: HttpRequest, page_id: int) -> HttpResponse:
    page = selectors.page_get_for_user(request.user, page_id)
    states = next(row["languages"] for row in selectors.page_list_for_manage() if row["page"].pk == page.pk)
    context = {"page": page, "states": states, "versions": selectors.page_versions(page)}
    return render(request, "public/manage/page_detail.html", context)


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_http_methods(["GET", "POST"])
def version_edit_view(request: HttpRequest, page_id: int, language: str) -> HttpResponse:
    """Write a new draft in one language, starting from its latest text (or from English for a new language)."""
    page = selectors.page_get_for_user(request.user, page_id)
    if language not in Language.values:
        return redirect("public:manage_page", page_id=page.pk)
    start = selectors.latest_version(page, language) or selectors.latest_version(page, Language.ENGLISH)
    initial = {"title": start.title, "summary": start.summary, "body": start.body} if start else {}
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = services.page_version_save(
            actor=_actor(request), page=page, language=language, **form.cleaned_data
        )
        messages.success(request, "Draft saved. Check it, then publish it.")
        return redirect("public:manage_version", version_id=version.pk)
    context = {"page": page, "form": form, "language": Language(language)}
    return render(request, "public/manage/version_edit.html", context)


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_http_methods(["GET"])
def version_detail_view(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.version_get_for_user(request.user, version_id)
    live = selectors.live_version(version.page, version.language)
    context = {"version": version, "body": render_markup(version.body), "live": live}
    return render(request, "public/manage/version_detail.html", context)


def _version_action(request: HttpRequest, version_id: int, action: str) -> HttpResponse:
    version = selectors.version_get_for_user(request.user, version_id)
    try:
        if action == "publish":
            services.page_version_publish(actor=_actor(request), version=version)
            messages.success(request, "Published: this text is now live.")
        elif action == "approve":
            services.page_version_approve(actor=_actor(request), version=version)
            messages.success(request, "Marked as approved by a native speaker.")
        else:
            draft = services.page_version_restore(actor=_actor(request), version=version)
            messages.success(request, "Restored as a new draft. Check it, then publish it.")
            return redirect("public:manage_version", version_id=draft.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(reverse("public:manage_version", kwargs={"version_id": version.pk}))


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_POST
def version_publish_view(request: HttpRequest, version_id: int) -> HttpResponse:
    return _version_action(request, version_id, "publish")


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_POST
def version_approve_view(request: HttpRequest, version_id: int) -> HttpResponse:
    return _version_action(request, version_id, "approve")


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_POST
def version_restore_view(request: HttpRequest, version_id: int) -> HttpResponse:
    return _version_action(request, version_id, "restore")


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_http_methods(["GET"])
def review_view(request: HttpRequest) -> HttpResponse:
    """What a native speaker still has to check: page texts and interface strings, by language."""
    strings = strings_needing_review()
    context = {
        "pages": selectors.pages_needing_review(),
        "strings": [(Language(code).label, entries) for code, entries in strings.items()],
    }
    return render(request, "public/manage/review.html", context)


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_http_methods(["GET", "POST"])
@upload_limit(MAX_MATERIAL_BYTES)
def material_list_view(request: HttpRequest) -> HttpResponse:
    form = MaterialForm(request.POST or None, request.FILES or None)
    explain_refused_upload(request, form)
    if request.method == "POST" and form.is_valid():
        services.material_add(actor=_actor(request), **form.cleaned_data)
        messages.success(request, "Material added. Publish it to show it on the public site.")
        return redirect("public:manage_materials")
    context = {"form": form, "materials": selectors.materials_for_manage()}
    return render(request, "public/manage/material_list.html", context)


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_POST
def material_publish_view(request: HttpRequest, material_id: int) -> HttpResponse:
    material = selectors.material_get_for_user(request.user, material_id)
    publish = request.POST.get("published") == "1"
    services.material_set_published(actor=_actor(request), material=material, published=publish)
    messages.success(
        request, "Material published." if publish else "Material withdrawn from the public site."
    )
    return redirect("public:manage_materials")


@require_perm(Perm.CAMPAIGN_MANAGE)
@require_http_methods(["GET"])
def material_file_view(request: HttpRequest, material_id: int) -> HttpResponseBase:
    """The officer checks a file before publishing it (never cached: it may not be public yet)."""
    material = selectors.material_get_for_user(request.user, material_id)
    name = material.file.name.rsplit("/", 1)[-1]
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=name)
