"""The audit trail is append-only and hash-chained; audit_verify names any row changed or removed."""

from __future__ import annotations

import logging
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import Client

from harbourline.accounts import services
from harbourline.accounts.actions import AccountAction
from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.actions import PlatformAction
from harbourline.audit.models import AuditEvent
from harbourline.audit.services import audit_chain_problems, audit_record

pytestmark = pytest.mark.django_db(transaction=True)


def _events(n: int) -> None:
    for i in range(n):
        audit_record(actor=None, action=PlatformAction.DEMO_SEEDED, actor_label="system", details={"i": i})


def _drop_update_guard() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update ON audit_auditevent")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")


def _restore_update_guard() -> None:
    from importlib import import_module

    migration = import_module("harbourline.audit.migrations.0002_append_only_triggers")
    with connection.schema_editor() as editor:
        migration.create(None, editor)


@pytest.fixture
def tamperable() -> Any:
    _drop_update_guard()
    yield
    _restore_update_guard()


def test_an_untouched_chain_verifies() -> None:
    _events(5)
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "intact: 5 rows" in out.getvalue()


def test_the_database_refuses_to_change_an_audit_row() -> None:
    _events(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(action="auth.login")


def test_editing_a_row_makes_audit_verify_fail_and_name_it(tamperable: Any) -> None:
    _events(5)
    AuditEvent.objects.filter(seq=3).update(object_id="tampered")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("audit_verify", stderr=err)
    assert "row #3: its content was changed" in err.getvalue()


def test_deleting_a_row_makes_audit_verify_fail_and_name_it() -> None:
    _events(5)
    AuditEvent.objects.filter(seq=2).delete()
    _, problems = audit_chain_problems()
    assert str(problems[0]).startswith("row #2: missing")


def test_deleting_the_newest_rows_is_caught_by_the_chain_head() -> None:
    _events(5)
    AuditEvent.objects.filter(seq__gte=4).delete()
    _, problems = audit_chain_problems()
    assert any("rows after it were removed" in str(p) for p in problems)


def test_rewriting_a_row_with_a_fresh_hash_breaks_the_next_link(tamperable: Any) -> None:
    _events(4)
    event = AuditEvent.objects.get(seq=2)
    event.object_id = "forged"
    event.hash = event.compute_hash()
    AuditEvent.objects.filter(seq=2).update(object_id="forged", hash=event.hash)
    _, problems = audit_chain_problems()
    assert any(p.seq == 3 and "does not link" in p.problem for p in problems)


def test_a_failing_audit_write_fails_the_action(monkeypatch: Any) -> None:
    def broken(**kwargs: Any) -> None:
        raise DatabaseError("audit store unavailable")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(DatabaseError):
        services.agency_create(actor=None, name="Never Saved Agency", agency_type="ngo")
    assert not Agency.objects.filter(name="Never Saved Agency").exists()


def test_each_platform_service_writes_its_event() -> None:
    admin = make_user([Role.ADMINISTRATOR])
    agency = services.agency_create(actor=admin, name="Audit Agency", agency_type="ngo")
    services.agency_update(actor=admin, agency=agency, phone="+1 758 555 0100")
    user = services.user_create(
        actor=admin,
        username="newstaff",
        password="a-sound-passphrase-2026",
        roles=[Role.TRAINER],
        agency=agency,
    )
    services.user_update(actor=admin, user=user, roles=[Role.TRAINER, Role.ANALYST])
    services.user_change_password(actor=user, user=user, new_password="another-sound-passphrase")
    services.user_unlock(actor=admin, user=user)
    second_admin = make_user([Role.ADMINISTRATOR])
    change = services.second_factor_reset(actor=admin, user=user)
    assert change is not None
    services.account_change_approve(second_admin, change=change)
    expected = [
        (PlatformAction.AGENCY_CREATED, "agency", agency.pk, admin),
        (PlatformAction.AGENCY_UPDATED, "agency", agency.pk, admin),
        (PlatformAction.USER_CREATED, "user", user.pk, admin),
        (PlatformAction.USER_UPDATED, "user", user.pk, admin),
        (PlatformAction.USER_ROLES_CHANGED, "user", user.pk, admin),
        (PlatformAction.PASSWORD_CHANGED, "user", user.pk, user),
        (PlatformAction.USER_UNLOCKED, "user", user.pk, admin),
        (AccountAction.CHANGE_REQUESTED, "user", user.pk, admin),
        (PlatformAction.SECOND_FACTOR_RESET, "user", user.pk, second_admin),
        (AccountAction.CHANGE_APPROVED, "user", user.pk, second_admin),
    ]
    rows = list(
        AuditEvent.objects.order_by("seq").values_list("action", "object_type", "object_id", "actor_id")
    )
    assert rows == [(a.value, t, str(i), actor.pk) for a, t, i, actor in expected]
    assert AuditEvent.objects.get(action=PlatformAction.USER_ROLES_CHANGED.value).details == {
        "added": ["analyst"],
        "removed": [],
    }


def test_planted_personal_values_never_reach_audit_details_or_logs(caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    marker_name, marker_password = "Zephyrine Quillfeather", "marker-Secret-Passw0rd-XYZ"
    admin = make_user([Role.ADMINISTRATOR])
    agency = services.agency_create(actor=admin, name="Marker Agency", agency_type="ngo")
    user = services.user_create(
        actor=admin,
        username="marker",
        password=marker_password,
        roles=[Role.ANALYST],
        agency=agency,
        first_name="Zephyrine",
        last_name="Quillfeather",
    )
    Client().post("/accounts/login/", {"username": "marker", "password": marker_password + "x"})
    Client().post("/accounts/login/", {"username": marker_password, "password": marker_password})
    sign_in(Client(), user).get("/home/")
    dumped = " ".join(
        f"{e.actor_label} {e.roles} {e.object_type} {e.object_id} {e.details}"
        for e in AuditEvent.objects.all()
    )
    for marker in (marker_name, "Zephyrine", "Quillfeather", marker_password):
        assert marker not in dumped
        assert marker not in caplog.text


def test_a_coordinator_filters_the_audit_trail_by_action_and_user() -> None:
    coordinator = make_user([Role.NATIONAL_COORDINATOR])
    other = make_user([Role.ANALYST])
    audit_record(actor=other, action=PlatformAction.LOGOUT, object_type="user", object_id=other.pk)
    audit_record(
        actor=coordinator, action=PlatformAction.LOGOUT, object_type="user", object_id=coordinator.pk
    )
    client = sign_in(Client(), coordinator)
    response = client.get("/audit/", {"action": "auth.logout", "user": other.pk})
    assert response.status_code == 200
    events = response.context["events"]
    assert [e.actor_id for e in events] == [other.pk]
    assert AuditEvent.objects.filter(action=PlatformAction.AUDIT_VIEWED.value, actor=coordinator).count() == 1
