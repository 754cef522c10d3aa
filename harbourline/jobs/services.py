"""Starting a background job from a page, reporting its progress, and handing over its result file.

A job's result file is encrypted with the active field key (it usually holds personal data, e.g. names on
certificates), readable only by the person who started the job, and removed after
HARBOURLINE_JOB_FILES_KEEP_HOURS by the scheduled clean-up."""

from __future__ import annotations

import datetime
import logging
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from harbourline.audit.actions import registered_action
from harbourline.audit.services import audit_record
from harbourline.crypto.aead import decrypt_bytes, encrypt_bytes

from .actions import JobAction
from .models import Job, JobStatus

if TYPE_CHECKING:
    from django_tasks.base import Task

    from harbourline.accounts.models import User

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


def job_files_dir() -> Path:
    return Path(settings.HARBOURLINE_JOB_FILES_DIR)


def _file_path(job: Job) -> Path:
    return job_files_dir() / f"{job.pk}.bin"


def _context(job: Job) -> str:
    return f"job-file:{job.pk}"


def job_start(
    *,
    actor: User | None,
    task: Task[..., Any],
    kind: str,
    title: str,
    back_url: str = "",
    file_name: str = "",
    file_type: str = "",
    download_action: str = "",
    object_type: str = "",
    object_id: object = "",
    **task_kwargs: Any,
) -> Job:
    """Record the job, audit it, and queue ``task(job_id=..., **task_kwargs)`` once the transaction commits."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title,
            requested_by=actor if actor is not None and actor.pk else None,
            back_url=back_url,
            file_name=file_name,
            file_type=file_type,
            download_action=download_action,
            object_type=object_type,
            object_id=str(object_id) if object_id not in (None, "") else "",
        )
        audit_record(
            actor=actor,
            action=JobAction.STARTED,
            object_type=object_type or "job",
            object_id=job.object_id or job.pk,
            actor_label="system",
            details={"job": str(job.pk), "kind": kind},
        )

        def enqueue() -> None:
            result = task.enqueue(job_id=str(job.pk), **task_kwargs)
            Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

        transaction.on_commit(enqueue)
    return job


def run_job(job_id: str, work: Callable[[Job, Progress], bytes | None]) -> str:
    """Run ``work`` for the job in the worker: status, progress and the result file are kept on the Job row,
    where the page that started it reads them. Returns the final status."""
    job = Job.objects.get(pk=uuid.UUID(str(job_id)))
    if job.is_finished:
        return job.status
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())

    def progress(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        data = work(job, progress)
        if data is not None:
            path = _file_path(job)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(encrypt_bytes(data, context=_context(job)))
    except Exception as exc:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            message=f"It stopped with an error ({type(exc).__name__}). Start it again, or ask your administrator.",
        )
        return JobStatus.FAILED
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, finished_at=timezone.now())
    return JobStatus.DONE


def job_get_for_user(actor: User, job_id: uuid.UUID) -> Job:
    """A job is seen only by the person who started it."""
    job = Job.objects.filter(pk=job_id, requested_by=actor).first()
    if job is None or not actor.is_active:
        raise Http404("No such job")
    return job


def job_has_file(job: Job) -> bool:
    return job.status == JobStatus.DONE and bool(job.file_name) and _file_path(job).exists()


def job_file(*, actor: User, job: Job) -> bytes:
    """The decrypted result file, audited as the read it is."""
    if job.requested_by_id != actor.pk or not job_has_file(job):
        raise Http404("No file for this job")
    data = decrypt_bytes(_file_path(job).read_bytes(), context=_context(job))
    action = registered_action(job.download_action) or JobAction.FILE_DOWNLOADED
    audit_record(
        actor=actor,
        action=action,
        object_type=job.object_type or "job",
        object_id=job.object_id or job.pk,
        details={"job": str(job.pk), "bytes": len(data)},
    )
    return data


def job_files_cleanup(*, now: datetime.datetime | None = None) -> int:
    """Remove result files older than HARBOURLINE_JOB_FILES_KEEP_HOURS. Returns how many were removed."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=settings.HARBOURLINE_JOB_FILES_KEEP_HOURS)
    removed = 0
    for job in Job.objects.filter(finished_at__lt=cutoff).exclude(file_name=""):
        _file_path(job).unlink(missing_ok=True)
        Job.objects.filter(pk=job.pk).update(
            file_name="", message="The file was removed after a day. Start the job again for a new one."
        )
        removed += 1
    return removed
