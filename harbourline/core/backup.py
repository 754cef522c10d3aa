"""Database backup and restore with a checksum manifest, for SQLite (online backup API) and PostgreSQL
(pg_dump / pg_restore). Encrypted columns are copied as they are stored: a backup is as unreadable as the
database without the key file, which is backed up separately (docs/operations.md)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection


def table_checksums() -> dict[str, dict[str, Any]]:
    """Row count and SHA-256 of every Harbourline-managed table's rows in primary-key order, as stored."""
    result: dict[str, dict[str, Any]] = {}
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if not meta.managed or meta.proxy:
                continue
            columns = [f.column for f in meta.concrete_fields]
            order = qn(meta.pk.column) if meta.pk else "1"
            # Table and column names come from the models, never from input.
            sql = f"SELECT {', '.join(qn(c) for c in columns)} FROM {qn(meta.db_table)} ORDER BY {order}"  # noqa: S608
            cursor.execute(sql)
            digest = hashlib.sha256()
            count = 0
            for row in cursor.fetchall():
                digest.update(json.dumps([_plain(v) for v in row], default=str).encode())
                count += 1
            result[meta.db_table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            return value
    return value


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = [
        "--host",
        s.get("HOST") or "127.0.0.1",
        "--port",
        str(s.get("PORT") or 5432),
        "--username",
        s["USER"],
    ]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def backup_to(path: Path) -> dict[str, dict[str, Any]]:
    """Write a backup to ``path`` and its manifest to ``path`` + '.manifest.json'; return the checksums."""
    path.parent.mkdir(parents=True, exist_ok=True)
    checksums = table_checksums()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        with target:
            connection.connection.backup(target)  # type: ignore[union-attr]
        target.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_env()
        subprocess.run(
            [
                "pg_dump",
                *args,
                "--format=custom",
                "--no-owner",
                "--file",
                str(path),
                connection.settings_dict["NAME"],
            ],
            check=True,
            env=env,
        )
    else:
        raise RuntimeError(f"Backups of {connection.vendor} are not supported.")
    manifest = {"vendor": connection.vendor, "tables": checksums}
    Path(f"{path}.manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return checksums


def restore_from(path: Path) -> list[str]:
    """Replace the database's contents with the backup at ``path``; return the tables whose checksums differ
    from the backup's manifest (empty when the restore is exact)."""
    manifest = json.loads(Path(f"{path}.manifest.json").read_text(encoding="utf-8"))
    if manifest["vendor"] != connection.vendor:
        raise RuntimeError(f"This backup is from {manifest['vendor']}, the database is {connection.vendor}.")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        source.backup(connection.connection)  # type: ignore[arg-type]
        source.close()
    else:
        connection.close()
        args, env = _pg_env()
        subprocess.run(
            [
                "pg_restore",
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                connection.settings_dict["NAME"],
                str(path),
            ],
            check=True,
            env=env,
        )
    now = table_checksums()
    return sorted(t for t, c in manifest["tables"].items() if now.get(t) != c)
