"""Administration of agencies and users (administrator, national coordinator)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from harbourline.core.params import int_param

from . import selectors, services
from .decorators import require_perm
from .forms import ROLE_CHOICES, AgencyForm, NewUserForm, TemporaryPasswordForm, UserForm
from .models import Agency, ChangeStatus, User
from .permissions import Perm


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _refused(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """The service refused (and wrote the 'denied' row): say why, in plain words, with a 403."""
    message = str(exc) or "Your role does not allow this change."
    return render(request, "accounts/refused.html", {"message": message}, status=403)


def _waiting_note(target: User) -> str:
    if target.pending_changes.filter(status=ChangeStatus.PENDING).exists():
        return " Some changes wait for a second administrator: see Approvals."
    return ""


@require_perm(Perm.AGENCY_MANAGE)
def agency_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/agency_list.html", {"agencies": selectors.agency_list()})


@require_perm(Perm.AGENCY_MANAGE)
@require_http_methods(["GET", "POST"])
def agency_create_view(request: HttpRequest) -> HttpResponse:
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(_actor(request), **form.cleaned_data)
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
            services.agency_update(_actor(request), agency=agency, **form.cleaned_data)
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
                _actor(request),
                username=data.pop("username"),
                password=data.pop("password"),
                roles=data.pop("roles"),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"User {user.username} created. At first login they choose a new password, then set up their "
                f"authenticator.{_waiting_note(user)}",
            )
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": "New user"})


@require_perm(Perm.USER_MANAGE)
@require_http_methods(["GET", "POST"])
def user_edit_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = selectors.user_get(user_id)
    own_account = target.pk == request.user.pk
    form = UserForm(request.POST or None, instance=User.objects.get(pk=target.pk), own_account=own_account)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.user_update(_actor(request), user=target, roles=data.pop("roles"), **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(request, f"User {target.username} saved.{_waiting_note(target)}")
            return redirect("accounts:user_list")
    context = {
        "form": form,
        "title": f"Edit {target.username}",
        "target": target,
        "own_account": own_account,
        "password_form": TemporaryPasswordForm(auto_id="tmp_%s"),
        "waiting": target.pending_changes.filter(status=ChangeStatus.PENDING).select_related("requested_by"),
    }
    return render(request, "accounts/user_form.html", context, status=status)


@require_perm(Perm.USER_MANAGE)
@require_POST
def user_temporary_password_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = selectors.user_get(user_id)
    form = TemporaryPasswordForm(request.POST, auto_id="tmp_%s")
    if form.is_valid():
        try:
            waiting = services.user_set_temporary_password(
                _actor(request), user=target, password=form.cleaned_data["password"]
            )
        except PermissionDenied as exc:
            return _refused(request, exc)
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            if waiting is not None:
                messages.success(
                    request,
                    f"The temporary password for {target.username} waits for a second administrator's "
                    "approval. Give it to them once it is approved.",
                )
            else:
                messages.success(
                    request,
                    f"Temporary password set. Give it to {target.username} directly: it works for 72 hours "
                    "and they choose their own at their next login.",
                )
            return redirect("accounts:user_edit", user_id=target.pk)
    context = {
        "form": UserForm(instance=target, own_account=target.pk == request.user.pk),
        "title": f"Edit {target.username}",
        "target": target,
        "own_account": target.pk == request.user.pk,
        "password_form": form,
        "waiting": target.pending_changes.filter(status=ChangeStatus.PENDING).select_related("requested_by"),
    }
    return render(request, "accounts/user_form.html", context)


@require_perm(Perm.USER_MANAGE)
@require_POST
def user_reset_second_factor_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = selectors.user_get(user_id)
    try:
        services.second_factor_reset(_actor(request), user=target)
    except PermissionDenied as exc:
        return _refused(request, exc)
    messages.success(
        request,
        f"Asked: once a second administrator approves, {target.username} sets up a new authenticator at "
        "their next login.",
    )
    return redirect("accounts:user_edit", user_id=target.pk)


@require_perm(Perm.USER_MANAGE)
@require_POST
def user_unlock_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = selectors.user_get(user_id)
    try:
        services.user_unlock(_actor(request), user=target)
    except PermissionDenied as exc:
        return _refused(request, exc)
    messages.success(request, f"{target.username} can try to log in again.")
    return redirect("accounts:user_edit", user_id=target.pk)


def _queue(request: HttpRequest, *, errors: dict[int, str] | None = None, status: int = 200) -> HttpResponse:
    me = _actor(request)
    errors = errors or {}
    rows = [
        {
            "change": change,
            "mine": change.requested_by_id == me.pk or change.user_id == me.pk,
            "about_me": change.user_id == me.pk,
            "error": errors.get(change.pk, ""),
        }
        for change in selectors.pending_change_list()
    ]
    context = {"rows": rows, "decided": selectors.decided_change_list()}
    return render(request, "accounts/pending_changes.html", context, status=status)


@require_perm(Perm.USER_MANAGE)
def pending_changes_view(request: HttpRequest) -> HttpResponse:
    return _queue(request)


@require_perm(Perm.USER_MANAGE)
@require_POST
def pending_approve_view(request: HttpRequest, change_id: int) -> HttpResponse:
    change = selectors.pending_change_get(change_id)
    try:
        services.account_change_approve(_actor(request), change=change)
    except PermissionDenied as exc:
        return _refused(request, exc)
    except ValidationError as exc:
        return _queue(request, errors={change.pk: " ".join(exc.messages)})
    messages.success(request, f"Approved: {change.describe()} for {change.user.username}.")
    return redirect("accounts:pending_changes")


@require_perm(Perm.USER_MANAGE)
@require_POST
def pending_reject_view(request: HttpRequest, change_id: int) -> HttpResponse:
    change = selectors.pending_change_get(change_id)
    try:
        services.account_change_reject(_actor(request), change=change, reason=request.POST.get("reason", ""))
    except PermissionDenied as exc:
        return _refused(request, exc)
    except ValidationError as exc:
        return _queue(request, errors={change.pk: " ".join(exc.messages)})
    messages.success(request, f"Rejected: {change.describe()} for {change.user.username}.")
    return redirect("accounts:pending_changes")
