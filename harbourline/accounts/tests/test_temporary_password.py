"""A temporary password (set by an administrator) is changed at first login, before the second factor is
enrolled, and stops working after 72 hours. The enrolment page changes nothing on GET."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP

from harbourline.accounts import services
from harbourline.accounts.models import AuthenticatorDevice, User
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, current_totp, make_user
from harbourline.audit.actions import PlatformAction
from harbourline.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
NEW_PASSWORD = "/accounts/login/new-password/"
SETUP = "/accounts/login/setup/"
VERIFY = "/accounts/login/verify/"
TEMPORARY = "a-temporary-passphrase-2026"
CHOSEN = "my-own-chosen-passphrase-2026"


def _new_user(*, with_device: bool = False) -> User:
    admin = make_user([Role.ADMINISTRATOR])
    user = services.user_create(
        admin,
        username="fresh.user",
        password=TEMPORARY,
        roles=[Role.TRAINER],
        agency=AgencyFactory.create(),
        email="fresh.user@example.invalid",
    )
    if with_device:
        AuthenticatorDevice.objects.create(
            user=user, name="phone", key="3132333435363738393031323334353637383930"
        )
        AuthenticatorDevice.objects.filter(user=user).update(confirmed=True)
    return user


def _login(client: Client, password: str = TEMPORARY) -> object:
    return client.post(LOGIN, {"username": "fresh.user", "password": password})


def test_a_new_user_sets_a_new_password_before_enrolling_the_second_factor() -> None:
    user = _new_user()
    assert user.must_change_password and user.temporary_password_set_at is not None
    client = Client()
    assert _login(client)["Location"] == NEW_PASSWORD
    # skipping the password step does not reach enrolment
    assert client.get(SETUP)["Location"] == NEW_PASSWORD
    assert client.post(SETUP, {"code": "123456"})["Location"] == NEW_PASSWORD
    assert not AuthenticatorDevice.objects.filter(user=user).exists()
    # the same password again is refused
    same = client.post(NEW_PASSWORD, {"new_password1": TEMPORARY, "new_password2": TEMPORARY})
    assert same.status_code == 200 and b"different from the temporary one" in same.content
    response = client.post(NEW_PASSWORD, {"new_password1": CHOSEN, "new_password2": CHOSEN})
    assert response["Location"] == SETUP
    user.refresh_from_db()
    assert user.check_password(CHOSEN)
    assert not user.must_change_password and user.temporary_password_set_at is None
    assert AuditEvent.objects.filter(action=PlatformAction.PASSWORD_CHANGED.value, actor=user).exists()
    # enrolment continues in the same login
    client.post(SETUP, {"start": "1"})
    device = AuthenticatorDevice.objects.get(user=user, confirmed=False)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3), tick=False):
        code = f"{TOTP(device.bin_key).token():06d}"
        assert client.post(SETUP, {"code": code})["Location"] == "/accounts/recovery-codes/"


def test_the_temporary_password_stops_working_once_changed() -> None:
    _new_user()
    client = Client()
    _login(client)
    client.post(NEW_PASSWORD, {"new_password1": CHOSEN, "new_password2": CHOSEN})
    assert _login(Client()).status_code == 200  # refused: the temporary password is gone
    assert _login(Client(), CHOSEN)["Location"] == SETUP


def test_a_user_with_a_device_and_a_temporary_password_changes_it_before_the_code() -> None:
    user = _new_user(with_device=True)
    client = Client()
    assert _login(client)["Location"] == NEW_PASSWORD
    assert client.get(VERIFY)["Location"] == NEW_PASSWORD
    assert client.post(VERIFY, {"code": current_totp(user)})["Location"] == NEW_PASSWORD
    assert client.get("/home/")["Location"].startswith(LOGIN)
    client.post(NEW_PASSWORD, {"new_password1": CHOSEN, "new_password2": CHOSEN})
    assert client.post(VERIFY, {"code": current_totp(user)})["Location"] == "/home/"


def test_a_temporary_password_expires_after_72_hours() -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        user = _new_user()
    with time_machine.travel(start + datetime.timedelta(hours=71), tick=False):
        assert _login(Client())["Location"] == NEW_PASSWORD
    with time_machine.travel(start + datetime.timedelta(hours=72, minutes=1), tick=False):
        client = Client()
        response = _login(client)
        assert response.status_code == 200
        assert b"ask an administrator for a new one" in response.content
        assert client.get(NEW_PASSWORD)["Location"] == LOGIN
        assert client.get(SETUP)["Location"] == LOGIN
    user.refresh_from_db()
    assert user.check_password(TEMPORARY) and user.must_change_password
    assert AuditEvent.objects.filter(
        action=PlatformAction.LOGIN_FAILED.value, actor=user, details__reason="temporary_password_expired"
    ).exists()
    assert not AuthenticatorDevice.objects.filter(user=user).exists()


def test_an_administrator_gives_a_new_temporary_password_after_expiry() -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        user = _new_user()
    admin = make_user([Role.ADMINISTRATOR], agency=user.agency)
    with time_machine.travel(start + datetime.timedelta(days=5), tick=False):
        services.user_set_temporary_password(admin, user=user, password="a-second-temporary-passphrase")
        response = _login(Client(), "a-second-temporary-passphrase")
        assert response["Location"] == NEW_PASSWORD


def test_the_enrolment_page_creates_nothing_on_get() -> None:
    user = make_user([Role.TRAINER], with_device=False)
    client = Client()
    client.post(LOGIN, {"username": user.username, "password": "correct-horse-battery-2026"})
    page = client.get(SETUP)
    assert page.status_code == 200
    assert not AuthenticatorDevice.objects.filter(user=user).exists()
    client.get(SETUP)
    assert not AuthenticatorDevice.objects.filter(user=user).exists()
    assert client.post(SETUP, {"start": "1"})["Location"] == SETUP
    assert AuthenticatorDevice.objects.filter(user=user, confirmed=False).count() == 1
    shown = client.get(SETUP)
    assert b"data:image/svg+xml" in shown.content
    client.get(SETUP)
    assert AuthenticatorDevice.objects.filter(user=user).count() == 1


def test_a_reset_link_cannot_set_the_temporary_password_again() -> None:
    import re

    from django.core import mail

    user = _new_user()
    client = Client()
    client.post("/accounts/password/reset/", {"email": user.email})
    match = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", mail.outbox[-1].body)
    assert match
    form_url = client.get(match.group(1))["Location"]
    response = client.post(form_url, {"new_password1": TEMPORARY, "new_password2": TEMPORARY})
    assert response.status_code == 200 and b"different from the temporary one" in response.content
    response = client.post(form_url, {"new_password1": CHOSEN, "new_password2": CHOSEN})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(CHOSEN) and not user.must_change_password
