"""Administration of agencies and users (administrator, national coordinator)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from harbourline.core.params import int_param

from . import selectors, services
from .decorators import require_perm
from .forms import ROLE_CHOICES, AgencyForm, NewUserForm, UserForm
from .models import Agency, User
from .permissions import Perm


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@require_perm(Perm.AGENCY_MANAGE)
def agency_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/agency_list.html", {"agencies": selectors.agency_list()})


@require_perm(Perm.AGENCY_MANAGE)
@require_http_methods(["GET", "POST"])
def agency_create_view(request: HttpRequest) -> HttpResponse:
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(actor=_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Agency “{agency.name}” created.")
            return redirect("accounts:agency_list")
    return render(request, "accounts/agency_form.html", {"form": form, "title": "New agency"})


@require_perm(Perm.AGENCY_MANAGE)
@require_http_methods(["GET", "POST"])
def agency_edit_view(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = selectors.agency_get(agency_id)
    form = AgencyForm(request.POST or None, instance=Agency.objects.get(pk=agency.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update(actor=_actor(request), agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Agency “{agency.name}” saved.")
            return redirect("accounts:agency_list")
    return render(request, "accounts/agency_form.html", {"form": form, "title": f"Edit {agency.name}"})


@require_perm(Perm.USER_MANAGE)
def user_list_view(request: HttpRequest) -> HttpResponse:
    agency_id = request.GET.get("agency", "")
    role = request.GET.get("role", "")
    users = selectors.user_list(
        agency_id=int_param(request, "agency"),
        role=role if role in dict(ROLE_CHOICES) else "",
        query=request.GET.get("q", "").strip()[:100],
    )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "agencies": Agency.objects.order_by("name"),
        "roles": ROLE_CHOICES,
        "selected_agency": agency_id,
        "selected_role": role,
        "q": request.GET.get("q", ""),
    }
    return render(request, "accounts/user_list.html", context)


@require_perm(Perm.USER_MANAGE)
@require_http_methods(["GET", "POST"])
def user_create_view(request: HttpRequest) -> HttpResponse:
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            user = services.user_create(
                actor=_actor(request),
                username=data.pop("username"),
                password=data.pop("password"),
                roles=data.pop("roles"),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, f"User {user.username} created. They set up their second factor at first login."
            )
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": "New user"})


@require_perm(Perm.USER_MANAGE)
@require_http_methods(["GET", "POST"])
def user_edit_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = selectors.user_get(user_id)
    form = UserForm(request.POST or None, instance=User.objects.get(pk=target.pk))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.user_update(actor=_actor(request), user=target, roles=data.pop("roles"), **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"User {target.username} saved.")
            return redirect("accounts:user_list")
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "title": f"Edit {target.username}", "target": target},
    )


@require_perm(Perm.USER_MANAGE)
@require_POST
def user_reset_second_factor_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = selectors.user_get(user_id)
    services.second_factor_reset(actor=_actor(request), user=target)
    messages.success(request, f"{target.username} will set up a new authenticator at their next login.")
    return redirect("accounts:user_edit", user_id=target.pk)


@require_perm(Perm.USER_MANAGE)
@require_POST
def user_unlock_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = selectors.user_get(user_id)
    services.user_unlock(actor=_actor(request), user=target)
    messages.success(request, f"{target.username} can try to log in again.")
    return redirect("accounts:user_edit", user_id=target.pk)
