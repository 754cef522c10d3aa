"""Issue 8, defect 8: second-factor secrets and recovery codes are not kept in clear. The TOTP seed is
encrypted with the field keys (bound to its row); recovery codes are stored as keyed digests only."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import Client

from harbourline.accounts import services
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import TEST_PASSWORD, TEST_TOTP_KEY, make_user

pytestmark = pytest.mark.django_db


def _every_stored_text() -> str:
    """Every text value of every table, as the database (and so a backup) holds it."""
    out: list[str] = []
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            columns = [f.column for f in model._meta.concrete_fields]
            cursor.execute(f"SELECT {', '.join(qn(c) for c in columns)} FROM {qn(model._meta.db_table)}")  # noqa: S608
            out.extend(str(v) for row in cursor.fetchall() for v in row if v is not None)
    return "\n".join(out)


def test_no_table_holds_a_totp_seed_or_a_recovery_code_in_clear() -> None:
    user = make_user([Role.CASE_MANAGER])
    codes = services.recovery_codes_issue(actor=user, user=user)
    stored = _every_stored_text()
    assert TEST_TOTP_KEY not in stored.lower()
    for code in codes:
        assert code not in stored


def _password_step(client: Client, username: str) -> None:
    client.post("/accounts/login/", {"username": username, "password": TEST_PASSWORD})


def test_login_still_works_with_the_sealed_seed_and_a_hashed_recovery_code() -> None:
    from harbourline.accounts.tests.factories import current_totp

    user = make_user([Role.CASE_MANAGER])
    client = Client()
    _password_step(client, user.username)
    assert client.post("/accounts/login/verify/", {"code": current_totp(user)})["Location"] == "/home/"
    code = services.recovery_codes_issue(actor=user, user=user, count=2)[1]
    again = Client()
    _password_step(again, user.username)
    assert again.post("/accounts/login/verify/", {"code": code.upper()})["Location"] == "/home/"


def test_demo_logins_prints_codes_that_work(settings: object) -> None:
    setattr(settings, "HARBOURLINE_DEMO_MODE", True)  # noqa: B010
    user = make_user([Role.CASE_MANAGER])
    user.is_demo = True
    user.save(update_fields=["is_demo"])
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    line = next(x for x in out.getvalue().splitlines() if x.startswith(user.username))
    code = line.split()[-3]
    client = Client()
    _password_step(client, user.username)
    assert client.post("/accounts/login/verify/", {"code": code})["Location"] == "/home/"


def test_the_migration_moves_plain_devices_to_sealed_ones_and_login_still_works() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from harbourline.accounts.models import AuthenticatorDevice, RecoveryCodeDevice
    from harbourline.accounts.second_factor_migration import move_plain_devices
    from harbourline.accounts.tests.factories import current_totp

    user = make_user([Role.CASE_MANAGER], with_device=False)
    TOTPDevice.objects.create(user=user, name="old", key=TEST_TOTP_KEY, confirmed=True)
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=static, token="abcd2345")
    assert move_plain_devices(apps) == 2
    assert not TOTPDevice.objects.exists() and not StaticToken.objects.exists()
    assert AuthenticatorDevice.objects.get(user=user).key == TEST_TOTP_KEY
    assert RecoveryCodeDevice.objects.get(user=user).codes.count() == 1
    stored = _every_stored_text()
    assert TEST_TOTP_KEY not in stored and "abcd2345" not in stored
    client = Client()
    _password_step(client, user.username)
    assert client.post("/accounts/login/verify/", {"code": current_totp(user)})["Location"] == "/home/"
    again = Client()
    _password_step(again, user.username)
    assert again.post("/accounts/login/verify/", {"code": "abcd2345"})["Location"] == "/home/"
