"""Audit work for the background worker, queued by the scheduler (HARBOURLINE_SCHEDULE)."""

from __future__ import annotations

from django_tasks import task

from .sealing import audit_checkpoint, audit_seal


@task()
def audit_seal_task() -> int:
    """Seal the rows written since the last run into the HMAC chain (every few seconds)."""
    return audit_seal()


@task()
def audit_checkpoint_task() -> str:
    """Seal, then write a signed checkpoint file outside the database (hourly)."""
    return audit_checkpoint().path.name
