"""Login with a password and a second factor; lockout; sessions; password change and reset."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from harbourline.accounts import services
from harbourline.accounts.models import RecoveryCode
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import TEST_PASSWORD, current_totp, make_user, sign_in
from harbourline.audit.actions import PlatformAction
from harbourline.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
VERIFY = "/accounts/login/verify/"
HOME = "/home/"


def _password_step(client: Client, username: str, password: str = TEST_PASSWORD) -> object:
    return client.post(LOGIN, {"username": username, "password": password})


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))


def test_the_right_password_alone_does_not_log_in() -> None:
    user = make_user([Role.CASE_MANAGER])
    client = Client()
    response = _password_step(client, user.username)
    assert response["Location"] == VERIFY
    assert client.get(HOME)["Location"].startswith(LOGIN)


def test_password_then_authenticator_code_logs_in_and_is_audited() -> None:
    user = make_user([Role.CASE_MANAGER])
    client = Client()
    _password_step(client, user.username)
    response = client.post(VERIFY, {"code": current_totp(user)})
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    login_event = AuditEvent.objects.get(action=PlatformAction.LOGIN.value)
    assert login_event.actor == user
    assert login_event.details == {"factor": "totp"}


def test_wrong_password_and_unknown_user_get_the_same_answer() -> None:
    make_user([Role.CASE_MANAGER], username="known")
    wrong_password = Client().post(LOGIN, {"username": "known", "password": "not-the-password-1"})
    unknown_user = Client().post(LOGIN, {"username": "nobody", "password": "not-the-password-1"})
    assert wrong_password.status_code == unknown_user.status_code == 200
    strip = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"|value="(known|nobody)"')
    assert strip.sub(b"", wrong_password.content) == strip.sub(b"", unknown_user.content)
    assert _actions() == [PlatformAction.LOGIN_FAILED.value] * 2


def test_five_failures_lock_the_account_even_when_the_right_password_follows() -> None:
    user = make_user([Role.CASE_MANAGER])
    client = Client()
    for _ in range(5):
        _password_step(client, user.username, "wrong-password-123")
    response = _password_step(client, user.username)
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert client.get(VERIFY)["Location"] == LOGIN
    assert PlatformAction.LOCKED_OUT.value in _actions()


def test_wrong_second_factor_codes_count_towards_the_lockout() -> None:
    user = make_user([Role.CASE_MANAGER])
    client = Client()
    _password_step(client, user.username)
    for _ in range(4):
        response = client.post(VERIFY, {"code": "000000"})
        assert b"That code did not work" in response.content
    response = client.post(VERIFY, {"code": "000000"})
    assert response.status_code == 429
    response = client.post(VERIFY, {"code": current_totp(user)})
    assert response.status_code == 429
    assert client.get(HOME).status_code == 302
    assert _actions().count(PlatformAction.SECOND_FACTOR_FAILED.value) == 5


def test_a_recovery_code_works_once() -> None:
    user = make_user([Role.CASE_MANAGER])
    code = services.recovery_codes_issue(actor=user, user=user, count=2)[0]
    first = Client()
    _password_step(first, user.username)
    assert first.post(VERIFY, {"code": code})["Location"] == HOME
    assert RecoveryCode.objects.filter(device__user=user).count() == 1
    second = Client()
    _password_step(second, user.username)
    assert second.post(VERIFY, {"code": code}).status_code == 200
    assert second.get(HOME).status_code == 302
    assert PlatformAction.RECOVERY_CODE_USED.value in _actions()


def test_a_new_user_enrols_an_authenticator_and_gets_ten_recovery_codes() -> None:
    from django_otp.oath import TOTP

    from harbourline.accounts.models import AuthenticatorDevice

    user = make_user([Role.TRAINER], with_device=False)
    client = Client()
    assert _password_step(client, user.username)["Location"] == "/accounts/login/setup/"
    assert client.post("/accounts/login/setup/", {"start": "1"})["Location"] == "/accounts/login/setup/"
    page = client.get("/accounts/login/setup/")
    assert b"data:image/svg+xml" in page.content
    device = AuthenticatorDevice.objects.get(user=user, confirmed=False)
    assert client.post("/accounts/login/setup/", {"code": "123456"}).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3), tick=False):  # past the throttle
        code = f"{TOTP(device.bin_key).token():06d}"
        response = client.post("/accounts/login/setup/", {"code": code})
    assert response["Location"] == "/accounts/recovery-codes/"
    codes_page = client.get("/accounts/recovery-codes/")
    assert codes_page.content.count(b"<li><code>") == 10
    assert AuthenticatorDevice.objects.get(user=user).confirmed
    assert PlatformAction.SECOND_FACTOR_ENROLLED.value in _actions()


def test_a_session_without_the_second_factor_is_ended() -> None:
    user = make_user([Role.CASE_MANAGER])
    client = Client()
    client.force_login(user)
    assert client.get(HOME)["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_a_session_ends_after_30_minutes_idle() -> None:
    user = make_user([Role.CASE_MANAGER])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = sign_in(Client(), user)
        assert client.get(HOME).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert client.get(HOME).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=29 + 31), tick=False):
        assert client.get(HOME)["Location"].startswith(LOGIN)


def test_a_session_ends_after_12_hours_even_when_active() -> None:
    user = make_user([Role.CASE_MANAGER])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = sign_in(Client(), user)
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert client.get(HOME).status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=12, minutes=5), tick=False):
        assert client.get(HOME)["Location"].startswith(LOGIN)
    assert AuditEvent.objects.filter(
        action=PlatformAction.SESSION_EXPIRED.value, details__reason="max_age"
    ).exists()


def test_a_password_change_ends_the_other_sessions_but_not_this_one() -> None:
    user = make_user([Role.CASE_MANAGER])
    here, elsewhere = sign_in(Client(), user), sign_in(Client(), user)
    new_password = "a-much-longer-passphrase-2026"
    response = here.post(
        "/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response["Location"] == HOME
    assert here.get(HOME).status_code == 200
    assert elsewhere.get(HOME)["Location"].startswith(LOGIN)
    assert PlatformAction.PASSWORD_CHANGED.value in _actions()


@pytest.mark.parametrize("password", ["short-pw-1", "password1234", "123456789012"])
def test_weak_passwords_are_refused_with_a_message_and_nothing_changes(password: str) -> None:
    user = make_user([Role.CASE_MANAGER])
    client = sign_in(Client(), user)
    response = client.post(
        "/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_a_role_change_ends_the_users_sessions() -> None:
    admin = make_user([Role.ADMINISTRATOR])
    user = make_user([Role.CASE_MANAGER])
    client = sign_in(Client(), user)
    services.user_update(actor=admin, user=user, roles=[Role.SUPERVISOR])
    assert client.get(HOME)["Location"].startswith(LOGIN)
    assert AuditEvent.objects.filter(
        action=PlatformAction.USER_ROLES_CHANGED.value, object_id=str(user.pk)
    ).exists()


def test_logout_ends_the_users_other_sessions() -> None:
    user = make_user([Role.CASE_MANAGER])
    here, elsewhere = sign_in(Client(), user), sign_in(Client(), user)
    assert here.post("/accounts/logout/")["Location"] == LOGIN
    assert here.get(HOME)["Location"].startswith(LOGIN)
    assert elsewhere.get(HOME)["Location"].startswith(LOGIN)


def test_password_reset_does_not_reveal_whether_an_account_exists() -> None:
    user = make_user([Role.CASE_MANAGER])
    known = Client().post("/accounts/password/reset/", {"email": user.email})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.invalid"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    assert _actions().count(PlatformAction.PASSWORD_RESET_REQUESTED.value) == 2
    assert all(user.email not in str(e.details) for e in AuditEvent.objects.all())


def _reset_link() -> str:
    match = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", mail.outbox[-1].body)
    assert match
    return match.group(1)


def test_a_reset_link_sets_a_new_password_and_the_second_factor_is_still_needed() -> None:
    user = make_user([Role.CASE_MANAGER])
    client = Client()
    client.post("/accounts/password/reset/", {"email": user.email})
    form_url = client.get(_reset_link())["Location"]
    new_password = "brand-new-passphrase-2026"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == "/accounts/password/reset/done/"
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert _password_step(Client(), user.username, new_password)["Location"] == VERIFY
    assert PlatformAction.PASSWORD_RESET_COMPLETED.value in _actions()


def test_a_reset_link_expires_within_an_hour() -> None:
    user = make_user([Role.CASE_MANAGER])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        Client().post("/accounts/password/reset/", {"email": user.email})
        link = _reset_link()
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        response = Client().get(link, follow=True)
    assert b"This link no longer works" in response.content


def test_axes_keeps_attempted_usernames_as_a_keyed_hash_and_still_locks_and_unlocks() -> None:
    """Issue 8 item 12: the lockout table held every attempted username in clear."""
    from axes.models import AccessAttempt, AccessLog

    from harbourline.accounts.axes_username import username_hash

    user = make_user([Role.CASE_MANAGER], username="amelia.joseph")
    _password_step(Client(), "Amelia.Josehp", "a typo in the name")
    for _ in range(5):
        _password_step(Client(), user.username, "wrong-password-123")
    stored = list(AccessAttempt.objects.values_list("username", flat=True))
    assert sorted(stored) == sorted([username_hash("Amelia.Josehp"), username_hash(user.username)])
    assert all("amelia" not in name.lower() and "jose" not in name.lower() for name in stored)
    assert username_hash(user.username) != username_hash("Amelia.Joseph")  # case-sensitive, as logins are
    assert _password_step(Client(), user.username).status_code == 429  # the hash still locks the account
    services.user_unlock(actor=make_user([Role.ADMINISTRATOR]), user=user)
    assert _password_step(Client(), user.username)["Location"] == VERIFY
    assert not AccessLog.objects.exists()  # logins are in the audit trail, not in a second clear-text log


def test_password_reset_requests_are_throttled_per_address_and_per_email(settings: object) -> None:
    """Issue 8 item 12: password reset had no throttle (mail flooding, address probing)."""
    settings.HARBOURLINE_RATE_LIMITS = {  # type: ignore[attr-defined]
        **settings.HARBOURLINE_RATE_LIMITS,  # type: ignore[attr-defined]
        "password_reset": (3, 3600),
        "password_reset_email": (2, 3600),
    }
    user = make_user([Role.CASE_MANAGER])
    other = make_user([Role.CASE_MANAGER])
    for n in range(3):
        answer = Client(REMOTE_ADDR=f"198.51.100.{n}").post(
            "/accounts/password/reset/", {"email": user.email}
        )
        assert answer.status_code == 302
    # the third request for the same mailbox gets the usual answer but no third mail
    assert len(mail.outbox) == 2
    one_address = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert (
            one_address.post("/accounts/password/reset/", {"email": "x@example.invalid"}).status_code == 302
        )
    refused = one_address.post("/accounts/password/reset/", {"email": other.email})
    assert refused.status_code == 429 and b"Please wait a little" in refused.content
    assert len(mail.outbox) == 2
    # someone else, elsewhere, is not held up
    assert (
        Client(REMOTE_ADDR="192.0.2.5").post("/accounts/password/reset/", {"email": other.email}).status_code
        == 302
    )
    assert len(mail.outbox) == 3
