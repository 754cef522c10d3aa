"""Platform work for the background worker: the retention purge, clean-up of job files, key rotation."""

from __future__ import annotations

from django_tasks import task

from harbourline.audit.actions import PlatformAction
from harbourline.audit.services import audit_record

from .models import Job
from .services import Progress, job_files_cleanup, run_job


@task()
def retention_purge_task() -> int:
    """Destroy the personal data of cases closed longer than the retention period (monthly)."""
    from harbourline.cases.services.retention import purge_expired

    return purge_expired(actor=None)


@task()
def job_files_cleanup_task() -> int:
    return job_files_cleanup()


@task()
def rotate_keys_task(job_id: str, batch: int = 500, reindex: bool = False) -> str:
    """Re-encrypt everything under the active field key, with progress on the job."""
    from harbourline.crypto.keys import get_keyring, reset_keyring_cache
    from harbourline.crypto.rotation import rotate_all, rows_to_visit

    def work(job: Job, progress: Progress) -> None:
        reset_keyring_cache()
        active = get_keyring().active_id
        total, done = rows_to_visit(), 0
        progress(0, total)

        def tick(n: int) -> None:
            nonlocal done
            done += n
            progress(min(done, total), total)

        result = rotate_all(batch=batch, reindex=reindex, tick=tick)
        audit_record(
            actor=None,
            action=PlatformAction.KEYS_ROTATED,
            actor_label="system",
            details={
                "active_key": active,
                "values": result.values,
                "rows": result.rows,
                "reindexed": result.reindexed,
            },
        )

    return run_job(job_id, work)


@task()
def task_results_prune_task() -> int:
    """Forget finished task results: successful ones after a day (the seal runs every few seconds), failed ones
    after two weeks, so there is time to look at them. Job rows keep what a person needs to see."""
    import datetime

    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    finished = DBTaskResult.objects.finished()
    deleted, _ = (
        finished.filter(status=TaskResultStatus.SUCCESSFUL, finished_at__lte=now - datetime.timedelta(days=1))
        | finished.filter(status=TaskResultStatus.FAILED, finished_at__lte=now - datetime.timedelta(days=14))
    ).delete()
    return deleted
