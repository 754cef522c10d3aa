"""Separation of duties (security property 28), at the service layer.

Nobody changes their own roles, agency, second factor or email; a role that reads case content, another
user's email and another user's second factor change only when a second administrator approves; every
refusal raises PermissionDenied, writes one 'denied' audit row and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from harbourline.accounts import services
from harbourline.accounts.actions import AccountAction
from harbourline.accounts.models import (
    Agency,
    AuthenticatorDevice,
    ChangeKind,
    ChangeStatus,
    PendingAccountChange,
    RecoveryCodeDevice,
    User,
)
from harbourline.accounts.permissions import (
    CASE_CONTENT_PERMS,
    CASE_CONTENT_ROLES,
    ROLE_PERMISSIONS,
    SECOND_APPROVAL_ROLES,
    Perm,
    Role,
    permissions_for_roles,
    roles_without,
)
from harbourline.accounts.tests.factories import AgencyFactory, make_user
from harbourline.audit.actions import PlatformAction
from harbourline.audit.models import AuditEvent, Outcome

pytestmark = pytest.mark.django_db


def _snapshot(user: User) -> dict[str, Any]:
    user = User.objects.get(pk=user.pk)
    return {
        "email": user.email,
        "agency": user.agency_id,
        "is_active": user.is_active,
        "password": user.password,
        "must_change_password": user.must_change_password,
        "security_stamp": user.security_stamp,
        "roles": user.role_codes(),
        "totp": sorted(AuthenticatorDevice.objects.filter(user=user).values_list("pk", "key", "confirmed")),
        "static": sorted(RecoveryCodeDevice.objects.filter(user=user).values_list("pk", flat=True)),
        "pending": sorted(PendingAccountChange.objects.filter(user=user).values_list("pk", "status")),
    }


def _denied_rows() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(outcome=Outcome.DENIED))


@pytest.fixture
def agency() -> Agency:
    return AgencyFactory.create()


@pytest.fixture
def admin_a(agency: Agency) -> User:
    return make_user([Role.ADMINISTRATOR], agency=agency, username="admin.a")


@pytest.fixture
def admin_b(agency: Agency) -> User:
    return make_user([Role.ADMINISTRATOR], agency=agency, username="admin.b")


@pytest.fixture
def trainer(agency: Agency) -> User:
    return make_user([Role.TRAINER], agency=agency, username="trainer.one")


def test_case_reading_roles_come_from_the_permission_table() -> None:
    assert {
        Perm.CASE_VIEW,
        Perm.CASE_IDENTITY_VIEW,
        Perm.CASE_HEALTH,
        Perm.CASE_JUSTICE,
    } <= CASE_CONTENT_PERMS
    assert Perm.CASE_VIEW_NATIONAL in CASE_CONTENT_PERMS
    assert {
        role for role, perms in ROLE_PERMISSIONS.items() if perms & CASE_CONTENT_PERMS
    } == CASE_CONTENT_ROLES
    assert Role.NATIONAL_COORDINATOR in CASE_CONTENT_ROLES
    assert Role.HEALTH_PROVIDER in CASE_CONTENT_ROLES
    assert Role.ADMINISTRATOR not in CASE_CONTENT_ROLES
    assert Role.TRAINER not in CASE_CONTENT_ROLES


def test_the_administrator_role_never_carries_a_case_permission() -> None:
    for role in Role:
        perms = permissions_for_roles([Role.ADMINISTRATOR.value, role.value])
        assert not perms & CASE_CONTENT_PERMS, role


# --- nobody changes their own account --------------------------------------------------------------


@pytest.mark.parametrize("manager_role", [Role.ADMINISTRATOR, Role.NATIONAL_COORDINATOR])
@pytest.mark.parametrize(
    "change",
    [
        {"roles": ["administrator", "national_coordinator", "supervisor"]},
        {"roles": []},
        {"agency": "other"},
        {"email": "new.address@example.invalid"},
    ],
    ids=["add-roles", "drop-roles", "agency", "email"],
)
def test_nobody_changes_their_own_roles_agency_or_email(
    manager_role: Role, change: dict[str, Any], agency: Agency
) -> None:
    me = make_user([manager_role], agency=agency)
    other_agency = AgencyFactory.create()
    kwargs = dict(change)
    if kwargs.get("agency") == "other":
        kwargs["agency"] = other_agency
    before = _snapshot(me)
    with pytest.raises(PermissionDenied):
        services.user_update(me, user=me, **kwargs)
    assert _snapshot(me) == before
    denied = _denied_rows()
    assert len(denied) == 1
    assert denied[0].actor_id == me.pk and denied[0].object_id == str(me.pk)


def test_a_user_may_still_edit_their_own_name(admin_a: User) -> None:
    services.user_update(admin_a, user=admin_a, first_name="Dwight", roles=[Role.ADMINISTRATOR])
    admin_a.refresh_from_db()
    assert admin_a.first_name == "Dwight"
    assert _denied_rows() == []


def test_nobody_resets_their_own_second_factor(admin_a: User) -> None:
    before = _snapshot(admin_a)
    with pytest.raises(PermissionDenied):
        services.second_factor_reset(admin_a, user=admin_a)
    assert _snapshot(admin_a) == before
    assert len(_denied_rows()) == 1


def test_a_user_regenerates_their_own_recovery_codes_but_nobody_elses(admin_a: User, trainer: User) -> None:
    assert len(services.recovery_codes_issue(trainer, user=trainer)) == 10
    before = _snapshot(trainer)
    with pytest.raises(PermissionDenied):
        services.recovery_codes_issue(admin_a, user=trainer)
    assert _snapshot(trainer) == before
    assert len(_denied_rows()) == 1


def test_nobody_sets_another_users_password_through_the_self_service(admin_a: User, trainer: User) -> None:
    before = _snapshot(trainer)
    with pytest.raises(PermissionDenied):
        services.user_change_password(admin_a, user=trainer, new_password="an-admin-chosen-passphrase")
    assert _snapshot(trainer) == before
    assert len(_denied_rows()) == 1


# --- a second administrator approves ------------------------------------------------------------------


@pytest.mark.parametrize("role", sorted(CASE_CONTENT_ROLES - {Role.NATIONAL_COORDINATOR}))
def test_granting_a_case_reading_role_waits_for_a_second_administrator(
    role: Role, admin_a: User, admin_b: User, trainer: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.user_update(admin_a, user=trainer, roles=[Role.TRAINER, role])
    trainer.refresh_from_db()
    assert trainer.role_codes() == [Role.TRAINER.value]
    change = PendingAccountChange.objects.get(user=trainer)
    assert change.kind == ChangeKind.ROLES and change.status == ChangeStatus.PENDING
    assert change.payload == {"add": [role.value]}
    assert AuditEvent.objects.filter(action=AccountAction.CHANGE_REQUESTED.value, actor=admin_a).count() == 1

    with pytest.raises(PermissionDenied):
        services.account_change_approve(admin_a, change=change)
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    assert User.objects.get(pk=trainer.pk).role_codes() == [Role.TRAINER.value]
    assert len(_denied_rows()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.account_change_approve(admin_b, change=change)
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.decided_by == admin_b
    assert User.objects.get(pk=trainer.pk).role_codes() == sorted([Role.TRAINER.value, role.value])
    assert AuditEvent.objects.filter(action=AccountAction.CHANGE_APPROVED.value, actor=admin_b).count() == 1
    assert AuditEvent.objects.filter(action=PlatformAction.USER_ROLES_CHANGED.value).count() == 1
    assert [m.to for m in mail.outbox] == [[trainer.email], [trainer.email]]
    assert all(role.label in m.body for m in mail.outbox)


def test_roles_that_manage_users_also_wait_so_nobody_makes_their_own_approver(
    admin_a: User, admin_b: User, trainer: User, agency: Agency
) -> None:
    assert {Role.ADMINISTRATOR, Role.NATIONAL_COORDINATOR} <= SECOND_APPROVAL_ROLES
    assert {
        role for role, perms in ROLE_PERMISSIONS.items() if Perm.USER_MANAGE in perms
    } <= SECOND_APPROVAL_ROLES
    puppet = services.user_create(
        admin_a,
        username="puppet",
        password="a-sound-temporary-passphrase",
        roles=[Role.ADMINISTRATOR],
        agency=agency,
    )
    assert puppet.role_codes() == []
    services.user_update(admin_a, user=trainer, roles=[Role.TRAINER, Role.ADMINISTRATOR])
    assert User.objects.get(pk=trainer.pk).role_codes() == ["trainer"]
    services.account_change_approve(admin_b, change=PendingAccountChange.objects.get(user=puppet))
    assert User.objects.get(pk=puppet.pk).role_codes() == ["administrator"]
    # a temporary password for someone who manages users waits too
    change = services.user_set_temporary_password(
        admin_a, user=admin_b, password="a-fresh-temporary-passphrase"
    )
    assert isinstance(change, PendingAccountChange)
    assert not User.objects.get(pk=admin_b.pk).check_password("a-fresh-temporary-passphrase")


def test_roles_that_read_no_case_content_are_granted_at_once(admin_a: User, trainer: User) -> None:
    services.user_update(admin_a, user=trainer, roles=[Role.TRAINER, Role.ANALYST, Role.CAMPAIGN_OFFICER])
    assert User.objects.get(pk=trainer.pk).role_codes() == ["analyst", "campaign_officer", "trainer"]
    assert not PendingAccountChange.objects.exists()


def test_removing_a_case_role_takes_effect_at_once(admin_a: User, agency: Agency) -> None:
    worker = make_user([Role.CASE_MANAGER, Role.TRAINER], agency=agency)
    services.user_update(admin_a, user=worker, roles=[Role.TRAINER])
    assert User.objects.get(pk=worker.pk).role_codes() == ["trainer"]
    assert not PendingAccountChange.objects.exists()


def test_the_coordinator_role_also_waits_for_approval(admin_a: User, admin_b: User, trainer: User) -> None:
    services.user_update(admin_a, user=trainer, roles=[Role.TRAINER, Role.NATIONAL_COORDINATOR])
    assert User.objects.get(pk=trainer.pk).role_codes() == ["trainer"]
    services.account_change_approve(admin_b, change=PendingAccountChange.objects.get(user=trainer))
    assert User.objects.get(pk=trainer.pk).role_codes() == ["national_coordinator", "trainer"]


def test_a_new_user_with_a_case_role_gets_it_only_after_approval(
    admin_a: User, admin_b: User, agency: Agency
) -> None:
    user = services.user_create(
        admin_a,
        username="new.worker",
        password="a-sound-temporary-passphrase",
        roles=[Role.CASE_MANAGER, Role.TRAINER],
        agency=agency,
        email="new.worker@example.invalid",
    )
    assert user.role_codes() == ["trainer"]
    change = PendingAccountChange.objects.get(user=user)
    assert change.payload == {"add": ["case_manager"]}
    services.account_change_approve(admin_b, change=change)
    assert User.objects.get(pk=user.pk).role_codes() == ["case_manager", "trainer"]


def test_the_person_a_change_is_about_cannot_approve_it(admin_a: User, admin_b: User) -> None:
    services.user_update(admin_a, user=admin_b, email="b.new@example.invalid")
    change = PendingAccountChange.objects.get(user=admin_b)
    before = _snapshot(admin_b)
    with pytest.raises(PermissionDenied):
        services.account_change_approve(admin_b, change=change)
    assert _snapshot(admin_b) == before
    assert len(_denied_rows()) == 1


def test_an_administrator_cannot_also_hold_a_case_role(admin_a: User, admin_b: User, trainer: User) -> None:
    before = _snapshot(admin_a)
    with pytest.raises(ValidationError):
        services.user_update(admin_b, user=admin_a, roles=[Role.ADMINISTRATOR, Role.SUPERVISOR])
    assert _snapshot(admin_a) == before
    worker = make_user([Role.CASE_MANAGER], agency=trainer.agency)
    before = _snapshot(worker)
    with pytest.raises(ValidationError):
        services.user_update(admin_b, user=worker, roles=[Role.CASE_MANAGER, Role.ADMINISTRATOR])
    assert _snapshot(worker) == before
    with pytest.raises(ValidationError):
        services.user_create(
            admin_b,
            username="two.hats",
            password="a-sound-temporary-passphrase",
            roles=[Role.ADMINISTRATOR, Role.HEALTH_PROVIDER],
            agency=trainer.agency,
        )
    assert not User.objects.filter(username="two.hats").exists()


def test_a_grant_approved_after_the_user_became_an_administrator_is_refused(
    admin_a: User, admin_b: User, trainer: User
) -> None:
    services.user_update(admin_a, user=trainer, roles=[Role.TRAINER, Role.SUPERVISOR])
    change = PendingAccountChange.objects.get(user=trainer)
    services.user_update(admin_a, user=trainer, roles=[Role.ADMINISTRATOR])
    services.account_change_approve(
        admin_b, change=PendingAccountChange.objects.get(payload__add=["administrator"])
    )
    with pytest.raises(ValidationError):
        services.account_change_approve(admin_b, change=change)
    assert User.objects.get(pk=trainer.pk).role_codes() == ["administrator"]
    assert PendingAccountChange.objects.get(pk=change.pk).status == ChangeStatus.PENDING


def test_another_users_email_changes_only_after_approval(
    admin_a: User, admin_b: User, trainer: User, django_capture_on_commit_callbacks: Any
) -> None:
    old = trainer.email
    with django_capture_on_commit_callbacks(execute=True):
        services.user_update(admin_a, user=trainer, email="trainer.new@example.invalid", job_title="Trainer")
    trainer.refresh_from_db()
    assert trainer.email == old and trainer.job_title == "Trainer"
    change = PendingAccountChange.objects.get(user=trainer)
    assert change.kind == ChangeKind.EMAIL
    with django_capture_on_commit_callbacks(execute=True):
        services.account_change_approve(admin_b, change=change)
    trainer.refresh_from_db()
    assert trainer.email == "trainer.new@example.invalid"
    assert {tuple(m.to) for m in mail.outbox} == {(old,), ("trainer.new@example.invalid",)}
    for message in mail.outbox:  # the mail names the kind of change only
        assert "@" not in message.subject + message.body
        assert trainer.first_name not in message.body and trainer.last_name not in message.body
    assert all("trainer.new@example.invalid" not in str(e.details) for e in AuditEvent.objects.all())


def test_a_rejected_change_needs_a_reason_and_changes_nothing(
    admin_a: User, admin_b: User, trainer: User, django_capture_on_commit_callbacks: Any
) -> None:
    services.user_update(admin_a, user=trainer, email="trainer.new@example.invalid")
    change = PendingAccountChange.objects.get(user=trainer)
    before = _snapshot(trainer)
    with pytest.raises(ValidationError):
        services.account_change_reject(admin_b, change=change, reason="   ")
    assert _snapshot(trainer) == before
    with django_capture_on_commit_callbacks(execute=True):
        services.account_change_reject(admin_b, change=change, reason="Not asked for by the trainer.")
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED and change.reason == "Not asked for by the trainer."
    assert User.objects.get(pk=trainer.pk).email == before["email"]
    event = AuditEvent.objects.get(action=AccountAction.CHANGE_REJECTED.value)
    assert event.actor == admin_b and "Not asked" not in str(event.details)
    assert len(mail.outbox) == 1
    with pytest.raises(ValidationError):  # decided once
        services.account_change_approve(admin_b, change=change)


def test_another_users_second_factor_is_reset_only_after_approval(
    admin_a: User, admin_b: User, trainer: User
) -> None:
    services.recovery_codes_issue(trainer, user=trainer)
    before = _snapshot(trainer)
    change = services.second_factor_reset(admin_a, user=trainer)
    assert isinstance(change, PendingAccountChange) and change.kind == ChangeKind.SECOND_FACTOR
    after_request = _snapshot(trainer)
    assert after_request["totp"] == before["totp"] and after_request["static"] == before["static"]
    services.account_change_approve(admin_b, change=change)
    assert not AuthenticatorDevice.objects.filter(user=trainer).exists()
    assert not RecoveryCodeDevice.objects.filter(user=trainer).exists()
    assert User.objects.get(pk=trainer.pk).security_stamp != before["security_stamp"]
    assert AuditEvent.objects.filter(action=PlatformAction.SECOND_FACTOR_RESET.value, actor=admin_b).exists()


def test_a_temporary_password_for_a_case_worker_waits_for_approval(
    admin_a: User, admin_b: User, agency: Agency, trainer: User
) -> None:
    services.user_set_temporary_password(admin_a, user=trainer, password="a-fresh-temporary-passphrase")
    trainer.refresh_from_db()
    assert trainer.check_password("a-fresh-temporary-passphrase") and trainer.must_change_password
    worker = make_user([Role.CASE_MANAGER], agency=agency)
    before = _snapshot(worker)
    change = services.user_set_temporary_password(
        admin_a, user=worker, password="another-temporary-passphrase"
    )
    assert isinstance(change, PendingAccountChange)
    assert _snapshot(worker)["password"] == before["password"]
    assert "another-temporary-passphrase" not in str(change.payload)
    services.account_change_approve(admin_b, change=change)
    worker.refresh_from_db()
    assert worker.check_password("another-temporary-passphrase") and worker.must_change_password


# --- every accounts service checks its own permission -------------------------------------------------


def _calls(target: User, agency: Agency) -> dict[str, Callable[[User], object]]:
    return {
        "agency_create": lambda actor: services.agency_create(
            actor, name="Refused Agency", agency_type="ngo"
        ),
        "agency_update": lambda actor: services.agency_update(actor, agency=agency, phone="+1 758 555 0199"),
        "user_create": lambda actor: services.user_create(
            actor, username="refused.user", password="a-sound-temporary-passphrase", roles=["trainer"]
        ),
        "user_update": lambda actor: services.user_update(actor, user=target, first_name="Changed"),
        "user_set_temporary_password": lambda actor: services.user_set_temporary_password(
            actor, user=target, password="a-sound-temporary-passphrase"
        ),
        "second_factor_reset": lambda actor: services.second_factor_reset(actor, user=target),
        "user_unlock": lambda actor: services.user_unlock(actor, user=target),
    }


SERVICE_PERMS = {
    "agency_create": Perm.AGENCY_MANAGE,
    "agency_update": Perm.AGENCY_MANAGE,
    "user_create": Perm.USER_MANAGE,
    "user_update": Perm.USER_MANAGE,
    "user_set_temporary_password": Perm.USER_MANAGE,
    "second_factor_reset": Perm.USER_MANAGE,
    "user_unlock": Perm.USER_MANAGE,
}


@pytest.mark.parametrize("service", sorted(SERVICE_PERMS))
def test_every_accounts_service_refuses_an_actor_without_its_permission(service: str, agency: Agency) -> None:
    target = make_user([Role.TRAINER], agency=agency)
    actor = make_user(
        [r for r in roles_without(SERVICE_PERMS[service]) if r not in CASE_CONTENT_ROLES], agency=agency
    )
    agency_before = Agency.objects.filter(pk=agency.pk).values().get()
    target_before = _snapshot(target)
    with pytest.raises(PermissionDenied):
        _calls(target, agency)[service](actor)
    assert Agency.objects.filter(pk=agency.pk).values().get() == agency_before
    assert _snapshot(target) == target_before
    assert not Agency.objects.filter(name="Refused Agency").exists()
    assert not User.objects.filter(username="refused.user").exists()
    denied = _denied_rows()
    assert len(denied) == 1 and denied[0].actor_id == actor.pk


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_deciding_a_change_needs_user_management(
    decision: str, admin_a: User, trainer: User, agency: Agency
) -> None:
    services.user_update(admin_a, user=trainer, email="trainer.new@example.invalid")
    change = PendingAccountChange.objects.get(user=trainer)
    outsider = make_user([Role.ANALYST], agency=agency)
    with pytest.raises(PermissionDenied):
        if decision == "approve":
            services.account_change_approve(outsider, change=change)
        else:
            services.account_change_reject(outsider, change=change, reason="no")
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    assert User.objects.get(pk=trainer.pk).email != "trainer.new@example.invalid"
    assert len(_denied_rows()) == 1
