"""The periodic scheduler django-tasks lacks: it queues each entry of HARBOURLINE_SCHEDULE when it is due.

An entry is ``{"name": {"task": "dotted.path.to.task", "every": seconds}}``. When each entry was last queued is
kept in the database (ScheduledRun), so restarting the scheduler does not queue the monthly purge again, and a
second scheduler by mistake cannot queue an entry twice (the update is conditional)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from .models import ScheduledRun


@dataclass(frozen=True)
class Entry:
    name: str
    task: Task[..., Any]
    every: datetime.timedelta


def schedule() -> list[Entry]:
    """HARBOURLINE_SCHEDULE, checked: a bad entry stops the scheduler at start with a clear message."""
    entries = []
    for name, spec in getattr(settings, "HARBOURLINE_SCHEDULE", {}).items():
        if not isinstance(spec, dict) or "task" not in spec or "every" not in spec:
            raise ImproperlyConfigured(f"HARBOURLINE_SCHEDULE[{name!r}] needs 'task' and 'every' (seconds).")
        try:
            task = import_string(spec["task"])
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"HARBOURLINE_SCHEDULE[{name!r}]: cannot import {spec['task']}."
            ) from exc
        if not isinstance(task, Task):
            raise ImproperlyConfigured(f"HARBOURLINE_SCHEDULE[{name!r}]: {spec['task']} is not a task.")
        every = spec["every"]
        if not isinstance(every, int | float) or every <= 0:
            raise ImproperlyConfigured(f"HARBOURLINE_SCHEDULE[{name!r}]: 'every' must be a positive number.")
        entries.append(Entry(name[:64], task, datetime.timedelta(seconds=every)))
    return entries


def _claim(entry: Entry, now: datetime.datetime) -> bool:
    """Mark the entry queued at ``now`` if it is due; False when it is not due or another scheduler took it."""
    run = ScheduledRun.objects.filter(name=entry.name).first()
    if run is None:
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=entry.name, last_enqueued_at=now)
        except IntegrityError:
            return False
        return True
    if run.last_enqueued_at is not None and run.last_enqueued_at + entry.every > now:
        return False
    return bool(
        ScheduledRun.objects.filter(name=entry.name, last_enqueued_at=run.last_enqueued_at).update(
            last_enqueued_at=now
        )
    )


def enqueue_due(entries: list[Entry], *, now: datetime.datetime | None = None) -> list[str]:
    """Queue every entry that is due. Returns the names queued."""
    now = now or timezone.now()
    queued = []
    for entry in entries:
        if _claim(entry, now):
            result = entry.task.enqueue()
            ScheduledRun.objects.filter(name=entry.name).update(last_task_id=str(result.id)[:64])
            queued.append(entry.name)
    return queued
