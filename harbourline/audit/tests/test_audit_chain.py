"""The audit trail is append-only and hash-chained; audit_verify names any row changed or removed."""

from __future__ import annotations

import hashlib
import json
import logging
from io import StringIO
from pathlib import Path
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
from harbourline.audit.models import AuditEvent, AuditSeal
from harbourline.audit.sealing import audit_checkpoint, audit_seal
from harbourline.audit.services import audit_chain_problems, audit_record

pytestmark = pytest.mark.django_db(transaction=True)


def _events(n: int) -> list[int]:
    return [
        audit_record(
            actor=None, action=PlatformAction.DEMO_SEEDED, actor_label="system", details={"i": i}
        ).seq
        for i in range(n)
    ]


def _drop_update_guard() -> None:
    with connection.cursor() as cursor:
        for table, trigger in (
            ("audit_auditevent", "audit_event_no_update"),
            ("audit_auditseal", "audit_seal_no_update"),
        ):
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")


def _restore_update_guard() -> None:
    from importlib import import_module

    first = import_module("harbourline.audit.migrations.0002_append_only_triggers")
    sealed = import_module("harbourline.audit.migrations.0003_sealed_hmac_chain")
    with connection.schema_editor() as editor:
        if connection.vendor == "postgresql":
            first.create(None, editor)
        sealed.guard(None, editor)


@pytest.fixture(autouse=True)
def checkpoint_dir(settings: Any, tmp_path: Path) -> Path:
    settings.HARBOURLINE_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return tmp_path / "checkpoints"


@pytest.fixture
def tamperable() -> Any:
    _drop_update_guard()
    yield
    _restore_update_guard()


def _verify() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err)
    except CommandError:
        return out.getvalue(), "FAILED\n" + err.getvalue()
    return out.getvalue(), err.getvalue()


def test_writing_an_audit_row_takes_no_lock_and_the_worker_seals_it() -> None:
    seqs = _events(3)
    assert not AuditSeal.objects.exists()
    assert audit_seal() == 3
    assert list(AuditSeal.objects.order_by("position").values_list("position", "event_id")) == [
        (1, seqs[0]),
        (2, seqs[1]),
        (3, seqs[2]),
    ]
    assert audit_seal() == 0


def test_an_untouched_chain_verifies_against_its_checkpoint() -> None:
    _events(5)
    checkpoint = audit_checkpoint()
    assert checkpoint.count == 5
    out, err = _verify()
    assert err == ""
    assert "intact: 5 rows" in out
    assert "Latest checkpoint: 5 sealed rows" in out


def test_audit_verify_reports_the_rows_not_sealed_yet() -> None:
    _events(2)
    audit_checkpoint()
    _events(3)
    out, err = _verify()
    assert err == ""
    assert "Not sealed yet: 3 row(s)" in out


def test_rows_left_unsealed_longer_than_allowed_fail_verification(settings: Any) -> None:
    _events(2)
    settings.HARBOURLINE_AUDIT_SEAL_MAX_DELAY = -1
    _, err = _verify()
    assert "FAILED" in err
    assert "2 row(s) not sealed" in err


def test_the_database_refuses_to_change_an_audit_row_or_its_seal() -> None:
    seqs = _events(1)
    audit_seal()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=seqs[0]).update(action="auth.login")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditSeal.objects.filter(position=1).update(mac="0" * 64)


def test_editing_a_row_makes_audit_verify_fail_and_name_it(tamperable: Any) -> None:
    seqs = _events(5)
    audit_checkpoint()
    AuditEvent.objects.filter(seq=seqs[2]).update(object_id="tampered")
    _, err = _verify()
    assert "FAILED" in err
    assert f"row #{seqs[2]}: changed after it was sealed" in err
    assert err.count("TAMPERED") == 1


def test_recomputing_the_chain_after_editing_a_row_fails_verification(tamperable: Any) -> None:
    """Someone with the database but not the key file rewrites a row and recomputes every link after it,
    the way the old unkeyed chain allowed (with any key but the audit key)."""
    seqs = _events(4)
    audit_checkpoint()
    AuditEvent.objects.filter(seq=seqs[1]).update(object_id="forged")
    guessed_key = hashlib.sha256(b"not the audit key").digest()
    prev = AuditSeal.objects.get(position=1).mac
    for seal in AuditSeal.objects.filter(position__gte=2).order_by("position"):
        event = AuditEvent.objects.get(seq=seal.event_id)
        prev = event.compute_mac(guessed_key, position=seal.position, prev_mac=prev)
        AuditSeal.objects.filter(position=seal.position).update(mac=prev)
    _, problems = audit_chain_problems()
    assert [p.seq for p in problems if "changed after it was sealed" in p.problem] == seqs[1:]
    assert any("does not match the checkpoint" in p.problem for p in problems)


def test_deleting_a_row_makes_audit_verify_fail_and_name_it() -> None:
    seqs = _events(5)
    audit_checkpoint()
    AuditEvent.objects.filter(seq=seqs[1]).delete()
    _, problems = audit_chain_problems()
    assert [str(p) for p in problems] == [f"row #{seqs[1]}: removed after it was sealed"]


def test_deleting_a_row_and_its_seal_breaks_the_chain() -> None:
    seqs = _events(5)
    audit_checkpoint()
    AuditSeal.objects.filter(position=2).delete()
    AuditEvent.objects.filter(seq=seqs[1]).delete()
    _, problems = audit_chain_problems()
    assert any(p.seq == seqs[2] and "skips positions 2-2" in p.problem for p in problems)


def test_deleting_the_newest_rows_and_their_seals_is_caught_by_the_checkpoint() -> None:
    """The chain's head is its last seal: removing the newest rows with their seals leaves a chain that is
    consistent in itself. The signed checkpoint outside the database still names what is missing."""
    seqs = _events(5)
    audit_checkpoint()
    AuditSeal.objects.filter(position__gte=4).delete()
    AuditEvent.objects.filter(seq__in=seqs[3:]).delete()
    _, err = _verify()
    assert "FAILED" in err
    assert f"row #{seqs[4]}: missing: the chain ends at #{seqs[2]} (3 sealed rows)" in err
    assert "records 5 sealed rows" in err


def test_a_forged_checkpoint_is_refused(checkpoint_dir: Path) -> None:
    _events(2)
    checkpoint = audit_checkpoint()
    data = json.loads(checkpoint.path.read_text())
    data["count"] = 1
    (checkpoint_dir / "audit-checkpoint-29990101T000000000000Z-1.json").write_text(json.dumps(data))
    _, problems = audit_chain_problems()
    assert [p.problem for p in problems] == [
        "checkpoint audit-checkpoint-29990101T000000000000Z-1.json is not signed with the audit key "
        "(forged or damaged)"
    ]


def test_without_a_checkpoint_audit_verify_warns() -> None:
    _events(1)
    audit_seal()
    out, err = _verify()
    assert err == ""
    assert "No checkpoint in" in out


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


def test_a_coordinator_downloads_the_latest_checkpoint() -> None:
    coordinator = make_user([Role.NATIONAL_COORDINATOR])
    client = sign_in(Client(), coordinator)
    assert client.get("/audit/checkpoint/").status_code == 404
    _events(3)
    checkpoint = audit_checkpoint()
    page = client.get("/audit/")
    assert b"Latest checkpoint: 3 sealed rows" in page.content
    response = client.get("/audit/checkpoint/")
    assert response.status_code == 200
    assert response.content == checkpoint.path.read_bytes()
    assert json.loads(response.content)["count"] == 3
    assert AuditEvent.objects.filter(
        action=PlatformAction.AUDIT_CHECKPOINT_DOWNLOADED.value, actor=coordinator
    ).exists()
    analyst = sign_in(Client(), make_user([Role.ANALYST]))
    assert analyst.get("/audit/checkpoint/").status_code == 403


def test_the_sealer_skips_settled_rows_but_never_one_still_waiting(settings: Any) -> None:
    from harbourline.audit.models import AuditSealState

    seqs = _events(3)
    settings.HARBOURLINE_AUDIT_SEAL_MAX_DELAY = -1  # every row is old enough to settle
    assert audit_seal() == 3
    assert AuditSealState.objects.get().floor_seq == seqs[2]
    more = _events(2)
    assert audit_seal() == 2
    assert AuditSealState.objects.get().floor_seq == more[1]
    _, problems = audit_chain_problems()
    assert [p for p in problems if "not sealed" in p.problem] == []
