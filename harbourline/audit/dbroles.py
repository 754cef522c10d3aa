"""Least privilege on PostgreSQL: an owner role that runs migrations and owns every table, and the runtime role
the application connects as, which may only insert and read audit rows and owns nothing (so it can neither
drop, alter nor disable the append-only triggers). docs/operations.md shows the same SQL."""

from __future__ import annotations

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

AUDIT_TABLES = ("audit_auditevent", "audit_auditseal")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def create_roles_sql(*, owner: str, runtime: str, database: str) -> list[str]:
    """SQL run by a PostgreSQL superuser: both roles, and the owner role owning the database and its objects."""
    statements = []
    for role in (owner, runtime):
        literal = role.replace("'", "''")
        statements.append(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
            f"'{literal}') THEN CREATE ROLE {_q(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
            "NOREPLICATION NOBYPASSRLS; END IF; END $$"
        )
    statements += [
        f"ALTER DATABASE {_q(database)} OWNER TO {_q(owner)}",
        f"ALTER SCHEMA public OWNER TO {_q(owner)}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {_q(database)} TO {_q(runtime)}",
        f"GRANT USAGE ON SCHEMA public TO {_q(runtime)}",
    ]
    return statements


def existing_objects_sql(owner: str) -> list[str]:
    """Hand the tables, sequences and functions created before the roles existed to the owner role."""
    statements = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname"
        )
        for name, _kind in cursor.fetchall():
            statements.append(f"ALTER TABLE {_q(name)} OWNER TO {_q(owner)}")
        cursor.execute(
            "SELECT p.proname, pg_get_function_identity_arguments(p.oid) FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY p.proname"
        )
        for name, arguments in cursor.fetchall():
            statements.append(f"ALTER FUNCTION {_q(name)}({arguments}) OWNER TO {_q(owner)}")
    return statements


def runtime_grants_sql(runtime: str) -> list[str]:
    """Run as the owner after every migration: everything the application needs, and no more on audit rows."""
    role = _q(runtime)
    audit = ", ".join(_q(t) for t in AUDIT_TABLES)
    return [
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE ALL ON {audit} FROM {role}",
        f"GRANT SELECT, INSERT ON {audit} TO {role}",
    ]


def apply(statements: list[str], using: BaseDatabaseWrapper | None = None) -> None:
    conn = using or connection
    with conn.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
