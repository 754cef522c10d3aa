"""Separation of duties through HTTP: the user pages, the approvals queue, and case pages an administrator
tries to reach after every trick user management offers."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from harbourline.accounts.models import Agency, AuthenticatorDevice, ChangeStatus, PendingAccountChange, User
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user, sign_in
from harbourline.audit.models import AuditEvent, Outcome
from harbourline.cases.tests.factories import case_worker, make_case

pytestmark = pytest.mark.django_db
QUEUE = "/accounts/users/approvals/"


def _form(user: User, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "phone": user.phone,
        "agency": user.agency_id,
        "is_active": "on" if user.is_active else "",
        "roles": user.role_codes(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def agency() -> Agency:
    return AgencyFactory.create()


@pytest.fixture
def admin_a(agency: Agency) -> User:
    return make_user([Role.ADMINISTRATOR], agency=agency, username="admin.a")


@pytest.fixture
def admin_b(agency: Agency) -> User:
    return make_user([Role.ADMINISTRATOR], agency=agency, username="admin.b")


def test_an_administrator_posting_their_own_roles_and_agency_changes_nothing(
    admin_a: User, agency: Agency
) -> None:
    elsewhere = AgencyFactory.create()
    client = sign_in(Client(), admin_a)
    page = client.get(f"/accounts/users/{admin_a.pk}/")
    assert b"Another administrator changes your roles" in page.content
    response = client.post(
        f"/accounts/users/{admin_a.pk}/",
        _form(
            admin_a,
            roles=["administrator", "supervisor", "health_provider"],
            agency=elsewhere.pk,
            email="me.elsewhere@example.invalid",
        ),
    )
    assert response.status_code in {200, 302, 403}
    fresh = User.objects.get(pk=admin_a.pk)
    assert fresh.role_codes() == ["administrator"]
    assert fresh.agency_id == agency.pk and fresh.email == admin_a.email
    assert not PendingAccountChange.objects.exists()


def test_an_administrator_cannot_reset_their_own_second_factor_over_http(admin_a: User) -> None:
    client = sign_in(Client(), admin_a)
    device = AuthenticatorDevice.objects.get(user=admin_a)
    response = client.post(f"/accounts/users/{admin_a.pk}/reset-second-factor/")
    assert response.status_code == 403
    assert AuthenticatorDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    assert AuthenticatorDevice.objects.get(pk=device.pk).key == device.key
    assert AuditEvent.objects.filter(outcome=Outcome.DENIED, actor=admin_a).count() == 1


def test_a_case_role_goes_through_the_queue_and_a_second_administrator(
    admin_a: User, admin_b: User, agency: Agency, django_capture_on_commit_callbacks: Any
) -> None:
    trainer = make_user([Role.TRAINER], agency=agency, username="trainer.one")
    first = sign_in(Client(), admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = first.post(
            f"/accounts/users/{trainer.pk}/", _form(trainer, roles=["trainer", "case_manager"])
        )
    assert response.status_code == 302
    assert User.objects.get(pk=trainer.pk).role_codes() == ["trainer"]
    change = PendingAccountChange.objects.get(user=trainer)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [trainer.email]

    own_queue = first.get(QUEUE)
    assert b"trainer.one" in own_queue.content and b"Waiting for another administrator" in own_queue.content
    response = first.post(f"{QUEUE}{change.pk}/approve/")
    assert response.status_code == 403
    assert PendingAccountChange.objects.get(pk=change.pk).status == ChangeStatus.PENDING
    assert User.objects.get(pk=trainer.pk).role_codes() == ["trainer"]

    second = sign_in(Client(), admin_b)
    queue = second.get(QUEUE)
    assert queue.status_code == 200 and b"Case manager" in queue.content
    with django_capture_on_commit_callbacks(execute=True):
        response = second.post(f"{QUEUE}{change.pk}/approve/")
    assert response.status_code == 302
    assert User.objects.get(pk=trainer.pk).role_codes() == ["case_manager", "trainer"]
    assert len(mail.outbox) == 2


def test_a_change_is_rejected_with_a_reason_through_the_queue(
    admin_a: User, admin_b: User, agency: Agency
) -> None:
    trainer = make_user([Role.TRAINER], agency=agency)
    sign_in(Client(), admin_a).post(
        f"/accounts/users/{trainer.pk}/", _form(trainer, email="changed@example.invalid")
    )
    change = PendingAccountChange.objects.get(user=trainer)
    second = sign_in(Client(), admin_b)
    blank = second.post(f"{QUEUE}{change.pk}/reject/", {"reason": ""})
    assert blank.status_code == 200 and b"Say why" in blank.content
    assert PendingAccountChange.objects.get(pk=change.pk).status == ChangeStatus.PENDING
    response = second.post(f"{QUEUE}{change.pk}/reject/", {"reason": "The trainer did not ask for it."})
    assert response.status_code == 302
    assert PendingAccountChange.objects.get(pk=change.pk).status == ChangeStatus.REJECTED
    assert User.objects.get(pk=trainer.pk).email == trainer.email


def test_a_second_factor_reset_over_http_waits_for_approval(admin_a: User, agency: Agency) -> None:
    worker = make_user([Role.CASE_MANAGER], agency=agency)
    response = sign_in(Client(), admin_a).post(f"/accounts/users/{worker.pk}/reset-second-factor/")
    assert response.status_code == 302
    assert AuthenticatorDevice.objects.filter(user=worker, confirmed=True).exists()
    assert PendingAccountChange.objects.filter(user=worker, status=ChangeStatus.PENDING).count() == 1


def _case_pages(case_id: int) -> list[str]:
    return [f"/cases/{case_id}/", f"/cases/{case_id}/identity/", f"/cases/{case_id}/health/"]


@pytest.mark.parametrize("manager_role", [Role.ADMINISTRATOR, Role.NATIONAL_COORDINATOR])
def test_an_administrator_or_coordinator_never_reaches_case_content_after_every_trick(
    manager_role: Role, admin_b: User
) -> None:
    owner = AgencyFactory.create(name="Human Services (test)")
    case = make_case(case_worker(owner))
    me = make_user([manager_role], agency=AgencyFactory.create(), username="tries.everything")
    client = sign_in(Client(), me)
    # 1. give myself case roles and move myself to the owning agency
    client.post(
        f"/accounts/users/{me.pk}/",
        _form(me, roles=[manager_role.value, "supervisor", "health_provider"], agency=owner.pk),
    )
    # 2. ask for the roles and approve the request myself
    for change in PendingAccountChange.objects.filter(user=me):
        client.post(f"{QUEUE}{change.pk}/approve/")
    # 3. a colleague grants me a case role
    sign_in(Client(), admin_b).post(
        f"/accounts/users/{me.pk}/", _form(me, roles=[manager_role.value, "supervisor"])
    )
    for change in PendingAccountChange.objects.filter(user=me):
        client.post(f"{QUEUE}{change.pk}/approve/")
    fresh = User.objects.get(pk=me.pk)
    assert fresh.agency_id != owner.pk
    assert fresh.role_codes() == [manager_role.value]
    client = sign_in(Client(), fresh)
    pages = _case_pages(case.pk)
    if manager_role == Role.NATIONAL_COORDINATOR:
        pages = pages[1:]  # the coordinator sees the national (non-identifying) sections by design
    for path in pages:
        response = client.get(path)
        missing = client.get(path.replace(f"/{case.pk}/", "/999999/"))
        # Refused exactly as a case that does not exist (the case views answer 404 inside the policy, or 403
        # before it for a role with no case permission at all): no page, no name, no document number.
        assert response.status_code in {403, 404}, path
        if manager_role != Role.NATIONAL_COORDINATOR:
            assert response.status_code == missing.status_code, path
        # (The coordinator knows every case exists, by the national view: a section refused on it is a 403
        # with the reason, and still shows nothing of the person.)
        assert b"Jn Baptiste" not in response.content and b"R1234567" not in response.content


def test_temporary_passwords_from_the_user_page(admin_a: User, agency: Agency) -> None:
    trainer = make_user([Role.TRAINER], agency=agency)
    worker = make_user([Role.CASE_MANAGER], agency=agency)
    client = sign_in(Client(), admin_a)
    page = client.get(f"/accounts/users/{trainer.pk}/")
    assert b"Set a temporary password" in page.content
    weak = client.post(f"/accounts/users/{trainer.pk}/temporary-password/", {"password": "short"})
    assert weak.status_code == 200 and b"There is a problem" in weak.content
    assert User.objects.get(pk=trainer.pk).password == trainer.password
    response = client.post(
        f"/accounts/users/{trainer.pk}/temporary-password/", {"password": "a-temporary-passphrase-9"}
    )
    assert response.status_code == 302
    fresh = User.objects.get(pk=trainer.pk)
    assert fresh.check_password("a-temporary-passphrase-9") and fresh.must_change_password
    client.post(f"/accounts/users/{worker.pk}/temporary-password/", {"password": "a-temporary-passphrase-9"})
    assert User.objects.get(pk=worker.pk).password == worker.password
    assert PendingAccountChange.objects.filter(user=worker, status=ChangeStatus.PENDING).count() == 1
    own = client.post(
        f"/accounts/users/{admin_a.pk}/temporary-password/", {"password": "a-temporary-passphrase-9"}
    )
    assert own.status_code == 403 and b"Nobody changes their own" in own.content
    assert User.objects.get(pk=admin_a.pk).password == admin_a.password


def test_the_home_page_tells_the_second_administrator_what_waits(admin_a: User, admin_b: User) -> None:
    trainer = make_user([Role.TRAINER], agency=admin_a.agency)
    sign_in(Client(), admin_a).post(f"/accounts/users/{trainer.pk}/reset-second-factor/")
    assert b"Account changes to approve" not in sign_in(Client(), admin_a).get("/home/").content
    home = sign_in(Client(), admin_b).get("/home/")
    assert b"Account changes to approve" in home.content
    assert b"<strong>1</strong> change to someone's account waits" in home.content
