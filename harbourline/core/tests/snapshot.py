"""Every value of every row, for tests that prove a refusal changed nothing (values, not row counts)."""

from __future__ import annotations

from typing import Any

from django.apps import apps

# Rows a refused request may legitimately write: its own audit row, the session, login throttling.
IGNORED = {
    "audit.AuditEvent",
    "audit.AuditChainHead",
    "sessions.Session",
    "axes.AccessAttempt",
    "axes.AccessLog",
}


def database_values() -> dict[str, dict[Any, tuple[Any, ...]]]:
    """{model label: {primary key: every column's value}} for every model (encrypted values decrypted)."""
    snapshot: dict[str, dict[Any, tuple[Any, ...]]] = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in IGNORED or model._meta.proxy:
            continue
        names = [f.attname for f in model._meta.concrete_fields]
        pk = model._meta.pk.attname if model._meta.pk else names[0]
        snapshot[label] = {
            row[pk]: tuple(repr(row[n]) for n in names) for row in model._default_manager.values(*names)
        }
    return snapshot


def changed(
    before: dict[str, dict[Any, tuple[Any, ...]]], after: dict[str, dict[Any, tuple[Any, ...]]]
) -> list[str]:
    """What differs, as 'label #pk' lines (empty when nothing changed)."""
    found = []
    for label in sorted(set(before) | set(after)):
        rows_before, rows_after = before.get(label, {}), after.get(label, {})
        for pk in sorted(set(rows_before) | set(rows_after), key=str):
            if rows_before.get(pk) != rows_after.get(pk):
                found.append(f"{label} #{pk}")
    return found
