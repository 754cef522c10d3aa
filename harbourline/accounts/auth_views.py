"""Login with a password and a second factor, enrolment, recovery codes, logout, password change and reset."""

from __future__ import annotations

import base64
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token

from harbourline.audit.actions import PlatformAction
from harbourline.audit.services import audit_record
from harbourline.core import throttle

from . import services
from .decorators import login_only, public
from .forms import CodeForm, LoginForm
from .middleware import LAST_SEEN, LOGIN_AT, now_ts
from .models import AuthenticatorDevice, RecoveryCodeDevice, User

PENDING_USER = "hl_pending_user"
PENDING_AT = "hl_pending_at"
PENDING_NEXT = "hl_pending_next"
SETUP_DEVICE = "hl_setup_device"
NEW_CODES = "hl_new_recovery_codes"
PENDING_TTL_SECONDS = 300
BAD_CREDENTIALS = "The username or password is not right. Both are case-sensitive."
TEMPORARY_EXPIRED = (
    "This temporary password has expired: it worked for 72 hours. Please ask an administrator for a new one."
)


def _locked_response(request: HttpRequest, user: User | None) -> HttpResponse:
    audit_record(
        actor=user,
        action=PlatformAction.LOCKED_OUT,
        object_type="user",
        object_id=user.pk if user else "",
        outcome="denied",
        actor_label="unknown user",
    )
    return render(request, "accounts/locked_out.html", status=429)


def _pending_user(request: HttpRequest) -> User | None:
    """The user who passed the password step in this session in the last 5 minutes, if any."""
    user_id = request.session.get(PENDING_USER)
    started = float(request.session.get(PENDING_AT, 0))
    if not user_id or now_ts() - started > PENDING_TTL_SECONDS:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or services.temporary_password_expired(user):
        return None
    return user


def _next_step(user: User) -> str:
    """After the password: a temporary password is replaced first, then the code (or enrolment)."""
    if user.must_change_password:
        return "accounts:first_password"
    has_device = AuthenticatorDevice.objects.filter(user=user, confirmed=True).exists()
    return "accounts:verify" if has_device else "accounts:setup"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


@public
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_verified():  # type: ignore[attr-defined]
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        known = User.objects.filter(username=username).first()
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return _locked_response(request, known)
        if user is None:
            audit_record(
                actor=known,
                action=PlatformAction.LOGIN_FAILED,
                object_type="user",
                object_id=known.pk if known else "",
                outcome="denied",
                actor_label="unknown user",
            )
            form.add_error(None, BAD_CREDENTIALS)
        elif services.temporary_password_expired(user):
            audit_record(
                actor=user,
                action=PlatformAction.LOGIN_FAILED,
                object_type="user",
                object_id=user.pk,
                outcome="denied",
                details={"reason": "temporary_password_expired"},
            )
            form.add_error(None, TEMPORARY_EXPIRED)
        else:
            request.session.cycle_key()
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_AT] = now_ts()
            request.session[PENDING_NEXT] = _safe_next(request, request.GET.get("next"))
            return redirect(_next_step(user))
    return render(request, "accounts/login.html", {"form": form})


def _complete_login(request: HttpRequest, user: User, device: Any) -> HttpResponseRedirect:
    next_url = request.session.get(PENDING_NEXT) or reverse(settings.LOGIN_REDIRECT_URL)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    otp_login(request, device)
    request.session[LOGIN_AT] = request.session[LAST_SEEN] = now_ts()
    factor = "recovery_code" if isinstance(device, RecoveryCodeDevice) else "totp"
    audit_record(
        actor=user,
        action=PlatformAction.LOGIN,
        object_type="user",
        object_id=user.pk,
        details={"factor": factor},
    )
    if isinstance(device, RecoveryCodeDevice):
        left = device.codes.count()
        audit_record(
            actor=user,
            action=PlatformAction.RECOVERY_CODE_USED,
            object_type="user",
            object_id=user.pk,
            details={"codes_left": left},
        )
        messages.warning(
            request, f"You used a recovery code. {left} left: make new ones from your account page."
        )
    if user.must_change_password:
        messages.info(request, "Please choose a new password before you go on.")
        return redirect("accounts:password_change")
    return redirect(next_url)


@public
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    if user.must_change_password:
        return redirect("accounts:first_password")
    credentials = {"username": user.username}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return _locked_response(request, user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            return _complete_login(request, user, device)
        audit_record(
            actor=user,
            action=PlatformAction.SECOND_FACTOR_FAILED,
            object_type="user",
            object_id=user.pk,
            outcome="denied",
        )
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if not AxesProxyHandler.is_allowed(request, credentials):
            return _locked_response(request, user)
        form.add_error(
            "code", "That code did not work. Check the time on your phone and try the newest code."
        )
    return render(request, "accounts/verify.html", {"form": form})


def _qr_data_uri(url: str) -> str:
    return str(segno.make(url, error="m").svg_data_uri(scale=5, border=2))


@public
@require_http_methods(["GET", "POST"])
def first_password_view(request: HttpRequest) -> HttpResponse:
    """First login with a temporary password: choose your own before anything else (before the second factor
    is enrolled), so whoever set the temporary password cannot finish the login in your place."""
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    if not user.must_change_password:
        return redirect(_next_step(user))
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_change_password(user, user=user, new_password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            form.add_error("new_password1", exc)
        else:
            request.session[PENDING_AT] = now_ts()  # a fresh 5 minutes for the second step
            messages.success(request, "Your new password is set. Now the second step.")
            return redirect(_next_step(user))
    return render(request, "accounts/first_password.html", {"form": form})


@public
@require_http_methods(["GET", "POST"])
def setup_view(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator. GET only shows; the device row is made by a POST ("show my set-up code")."""
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    if user.must_change_password:
        return redirect("accounts:first_password")
    if AuthenticatorDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:verify")
    device = AuthenticatorDevice.objects.filter(
        user=user, confirmed=False, pk=request.session.get(SETUP_DEVICE) or 0
    ).first()
    if device is None:
        if request.method == "POST":
            device = AuthenticatorDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
            request.session[SETUP_DEVICE] = device.pk
            return redirect("accounts:setup")
        return render(request, "accounts/setup_start.html")
    if request.method == "POST" and "start" in request.POST:
        return redirect("accounts:setup")
    form = CodeForm(request.POST or None)
    form.fields["code"].help_text = "The 6-digit code your authenticator app shows after you add Harbourline."
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = services.second_factor_enrol(user=user, device=device)
            _complete_login(request, user, device)
            request.session[NEW_CODES] = codes
            return redirect("accounts:recovery_codes")
        audit_record(
            actor=user,
            action=PlatformAction.SECOND_FACTOR_FAILED,
            object_type="user",
            object_id=user.pk,
            outcome="denied",
            details={"during": "enrolment"},
        )
        form.add_error(
            "code", "That code did not match. Check the time on your phone and try the newest code."
        )
    base32 = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")  # what authenticator apps accept
    context = {
        "form": form,
        "qr": _qr_data_uri(device.config_url),
        "secret_groups": [base32[i : i + 4] for i in range(0, len(base32), 4)],
    }
    return render(request, "accounts/setup.html", context)


@login_only
@require_http_methods(["GET", "POST"])
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    codes = request.session.pop(NEW_CODES, None)
    if request.method == "POST":
        codes = services.recovery_codes_issue(user, user=user)
    left = sum(d.codes.count() for d in RecoveryCodeDevice.objects.filter(user=user))
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "left": left})


@public
@require_http_methods(["GET", "POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if request.user.is_authenticated:
            user: User = request.user  # type: ignore[assignment]
            audit_record(actor=user, action=PlatformAction.LOGOUT, object_type="user", object_id=user.pk)
            services.user_end_other_sessions(user=user)
        logout(request)
        messages.info(request, "You have logged out.")
        return redirect("accounts:login")
    return render(request, "accounts/logout.html")


@login_only
@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_change_password(user, user=user, new_password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            form.add_error("new_password1", exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, "Your password is changed. Your other sessions have ended.")
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/password_change.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if throttle.limited(request, "password_reset"):
            return throttle.too_many(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        audit_record(actor=None, action=PlatformAction.PASSWORD_RESET_REQUESTED, actor_label="anonymous")
        email = form.cleaned_data["email"].strip().lower()
        if throttle.limited_for(self.request, "password_reset_email", email):
            # The same answer as for any address, so nobody learns which mailboxes were asked about;
            # the mailbox gets no more mail this hour.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        user = form.user
        try:
            services.user_change_password(
                user,
                user=user,
                new_password=form.cleaned_data["new_password1"],
                reset=True,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            form.add_error("new_password1", exc)
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


password_reset_view = public(PasswordResetView.as_view())
password_reset_done_view = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm_view = public(PasswordResetConfirmView.as_view())
password_reset_complete_view = public(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)
