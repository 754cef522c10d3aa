"""PostgreSQL only (CI runs the suite there too): least privilege for the application's database role, and no
global lock on the request path."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.actions import PlatformAction
from harbourline.audit.models import AuditEvent
from harbourline.audit.services import audit_record

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL (DATABASE_URL)",
    ),
]


def _connect(user: str) -> psycopg.Connection[Any]:
    s = connection.settings_dict
    return psycopg.connect(
        host=s.get("HOST") or "127.0.0.1",
        port=int(s.get("PORT") or 5432),
        dbname=s["NAME"],
        user=user,
        password=s.get("PASSWORD") or None,
        autocommit=True,
    )


@pytest.fixture
def roles() -> Iterator[tuple[str, str]]:
    owner, runtime = f"hl_test_owner_{os.getpid()}", f"hl_test_app_{os.getpid()}"
    call_command("db_roles", owner=owner, runtime=runtime, verbosity=0)
    yield owner, runtime
    with connection.cursor() as cursor:
        cursor.execute(f'REASSIGN OWNED BY "{owner}" TO CURRENT_USER')
        cursor.execute(f'DROP OWNED BY "{owner}", "{runtime}"')
        cursor.execute(f'DROP ROLE "{owner}"')
        cursor.execute(f'DROP ROLE "{runtime}"')


REFUSED = [
    "UPDATE audit_auditevent SET action = 'auth.login'",
    "DELETE FROM audit_auditevent",
    "TRUNCATE audit_auditevent",
    "UPDATE audit_auditseal SET mac = repeat('0', 64)",
    "DELETE FROM audit_auditseal",
    "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_update",
    "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_event_no_update ON audit_auditevent",
    "ALTER TABLE audit_auditevent ADD COLUMN note text",
    "DROP TABLE audit_auditseal",
    "CREATE OR REPLACE FUNCTION harbourline_audit_no_update() RETURNS trigger AS $$ BEGIN RETURN NEW; END; "
    "$$ LANGUAGE plpgsql",
    "SET session_replication_role = replica",
    "CREATE TABLE sneaky (id int)",
]


def test_the_runtime_role_can_only_insert_and_read_audit_rows(roles: tuple[str, str]) -> None:
    owner, runtime = roles
    audit_record(actor=None, action=PlatformAction.DEMO_SEEDED, actor_label="system")
    before = list(AuditEvent.objects.order_by("seq").values())
    with _connect(runtime) as conn:
        for statement in REFUSED:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        # What the application needs still works: read and append audit rows, seal them, use other tables.
        assert conn.execute("SELECT count(*) FROM audit_auditevent").fetchone() == (1,)
        conn.execute(
            "INSERT INTO audit_auditevent (occurred_at, actor_label, roles, action, object_type, object_id, "
            "outcome, details) VALUES (now(), 'system', '', 'demo.seeded', '', '', 'allowed', '{}')"
        )
        conn.execute("INSERT INTO audit_auditsealstate (floor_seq) VALUES (0)")
        conn.execute("UPDATE audit_auditsealstate SET floor_seq = 0")
        conn.execute("SELECT * FROM audit_auditsealstate FOR UPDATE")
        conn.execute("UPDATE accounts_user SET last_login = NULL WHERE false")
    after = list(AuditEvent.objects.order_by("seq").values())
    assert after[: len(before)] == before and len(after) == len(before) + 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_auditevent'")
        assert cursor.fetchone() == (owner,)


def test_an_audited_read_completes_while_another_audited_transaction_is_held_open() -> None:
    coordinator = make_user([Role.NATIONAL_COORDINATOR])
    client = sign_in(Client(), coordinator)
    holding, release = threading.Event(), threading.Event()
    finished: list[float] = []

    def hold_open() -> None:
        try:
            with transaction.atomic():
                audit_record(actor=None, action=PlatformAction.DEMO_SEEDED, actor_label="system")
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    def audited_read() -> None:
        try:
            started = time.monotonic()
            response = client.get("/audit/")
            assert response.status_code == 200
            finished.append(time.monotonic() - started)
        finally:
            connection.close()

    writer = threading.Thread(target=hold_open)
    writer.start()
    try:
        assert holding.wait(10)
        reader = threading.Thread(target=audited_read)
        reader.start()
        reader.join(10)
        assert not reader.is_alive(), "the audited read waited for the other transaction"
        assert finished and finished[0] < 10
        assert not release.is_set()
    finally:
        release.set()
        writer.join(30)
    viewed = AuditEvent.objects.filter(action=PlatformAction.AUDIT_VIEWED.value, actor=coordinator)
    assert viewed.count() == 1
    assert AuditEvent.objects.filter(action=PlatformAction.DEMO_SEEDED.value).count() == 1
