"""Test factories for agencies and users. Users come with a confirmed authenticator device of a known key."""

from __future__ import annotations

from collections.abc import Iterable

import factory
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

from harbourline.accounts.middleware import LAST_SEEN, LOGIN_AT, now_ts
from harbourline.accounts.models import Agency, AgencyType, AuthenticatorDevice, RoleAssignment, User

TEST_PASSWORD = "correct-horse-battery-2026"
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"  # hex, as django-otp stores it


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Test Agency {n}")
    short_name = factory.Sequence(lambda n: f"TA{n}")
    agency_type = AgencyType.MINISTRY


def make_user(
    roles: Iterable[str] = (),
    *,
    agency: Agency | None = None,
    username: str | None = None,
    with_device: bool = True,
) -> User:
    agency = agency or AgencyFactory.create()
    user = User.objects.create_user(
        username=username or f"user{User.objects.count() + 1}",
        password=TEST_PASSWORD,
        agency=agency,
        first_name="Test",
        last_name="User",
        email=f"{username or 'user'}{User.objects.count()}@example.invalid",
    )
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=str(r)) for r in roles])
    if with_device:
        AuthenticatorDevice.objects.create(user=user, name="test", key=TEST_TOTP_KEY, confirmed=True)
    return user


def current_totp(user: User) -> str:
    device = AuthenticatorDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Client, user: User) -> Client:
    """Log ``client`` in as ``user`` with the second factor passed, as the login views would."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = AuthenticatorDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LOGIN_AT] = session[LAST_SEEN] = now_ts()
    session.save()
    return client
