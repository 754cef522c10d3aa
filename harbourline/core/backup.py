"""Database backup and restore with a checksum manifest, for SQLite (online backup API) and PostgreSQL
(pg_dump / pg_restore). Encrypted columns are copied as they are stored: a backup is as unreadable as the
database without the key file, which is backed up separately (docs/operations.md).

Backup files are created readable by their owner only (0600). The manifest names the backup file's SHA-256 and
every table's checksum, and is signed with HMAC-SHA256 under a key derived from the key file; ``restore``
refuses a manifest that is unsigned or altered, or a file that does not match it, before touching the
database."""

from __future__ import annotations

import hashlib
import hmac
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


class BackupRefused(Exception):
    """The backup or its manifest cannot be trusted; nothing was restored."""


def _manifest_key() -> bytes:
    from harbourline.crypto.keys import get_keyring

    return hmac.new(get_keyring().blind_index_key, b"harbourline backup manifest v1", hashlib.sha256).digest()


def _signature(manifest: dict[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "signature"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(_manifest_key(), canonical, hashlib.sha256).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _private_file(path: Path) -> None:
    """Create (or empty) ``path`` readable and writable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def read_verified_manifest(path: Path) -> dict[str, Any]:
    """The manifest of the backup at ``path`` if its signature and the file's checksum hold; else BackupRefused."""
    manifest_path = Path(f"{path}.manifest.json")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupRefused(f"The manifest {manifest_path} cannot be read: {exc}") from exc
    signature = manifest.get("signature") if isinstance(manifest, dict) else None
    if not isinstance(signature, str) or not hmac.compare_digest(signature, _signature(manifest)):
        raise BackupRefused(
            "The manifest is unsigned or was altered (or was made with another key file): nothing restored."
        )
    if _file_sha256(path) != manifest.get("file_sha256"):
        raise BackupRefused("The backup file does not match its signed manifest: nothing restored.")
    return manifest


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
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    checksums = table_checksums()
    _private_file(path)
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
    os.chmod(path, 0o600)
    manifest: dict[str, Any] = {
        "vendor": connection.vendor,
        "tables": checksums,
        "file": path.name,
        "file_sha256": _file_sha256(path),
    }
    manifest["signature"] = _signature(manifest)
    manifest_path = Path(f"{path}.manifest.json")
    _private_file(manifest_path)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return checksums


def restore_from(path: Path) -> list[str]:
    """Replace the database's contents with the backup at ``path``; return the tables whose checksums differ
    from the backup's manifest (empty when the restore is exact). Raises BackupRefused, before changing
    anything, when the manifest's signature or the file's checksum does not hold."""
    manifest = read_verified_manifest(path)
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
