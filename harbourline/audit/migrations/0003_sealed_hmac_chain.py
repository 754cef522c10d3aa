"""The audit trail without a global lock: events take their number from a database sequence (the primary key)
and the worker seals them into an HMAC chain (AuditSeal) under the audit key from the key file. The old
unkeyed hash columns and the locked chain-head row go; existing events are sealed by the worker's first run.
Seals are as append-only as the events."""

import django.db.models.deletion
from django.db import migrations, models

PG_GUARD = """
CREATE OR REPLACE FUNCTION harbourline_audit_no_update() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_seal_no_update ON audit_auditseal;
CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_auditseal
  FOR EACH ROW EXECUTE FUNCTION harbourline_audit_no_update();
SELECT setval(pg_get_serial_sequence('audit_auditevent', 'seq'), COALESCE(MAX(seq), 0) + 1, false)
  FROM audit_auditevent;
"""
PG_UNGUARD = "DROP TRIGGER IF EXISTS audit_seal_no_update ON audit_auditseal;"
# SQLite rebuilt the events table (a new primary key), which drops its triggers: create both again.
SQLITE_GUARD = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    "DROP TRIGGER IF EXISTS audit_seal_no_update",
    """CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_auditseal
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]


def guard(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_GUARD)
    elif vendor == "sqlite":
        for statement in SQLITE_GUARD:
            schema_editor.execute(statement)


def unguard(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_UNGUARD)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_seal_no_update")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                (
                    "position",
                    models.BigIntegerField(
                        help_text="Position in the chain, from 1 without gaps.", primary_key=True, serialize=False
                    ),
                ),
                ("mac", models.CharField(max_length=64)),
                ("sealed_at", models.DateTimeField()),
            ],
            options={"ordering": ["position"]},
        ),
        migrations.CreateModel(
            name="AuditSealState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("floor_seq", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.DeleteModel(name="AuditChainHead"),
        migrations.RemoveField(model_name="auditevent", name="hash"),
        migrations.RemoveField(model_name="auditevent", name="prev_hash"),
        migrations.RemoveField(model_name="auditevent", name="id"),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.BigAutoField(
                help_text="Order of writing, from a database sequence (no lock); a rolled-back action leaves a gap.",
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.AddField(
            model_name="auditseal",
            name="event",
            field=models.OneToOneField(
                db_column="event_seq",
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="seal",
                to="audit.auditevent",
            ),
        ),
        migrations.RunPython(guard, unguard),
    ]
