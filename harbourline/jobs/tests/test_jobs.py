"""Background work: the scheduler queues due jobs, the database backend's worker runs them, and a job started
from a page shows its progress there and hands its file only to the person who started it."""

from __future__ import annotations

import datetime
import io
import zipfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user, sign_in
from harbourline.audit.actions import PlatformAction
from harbourline.audit.models import AuditEvent, AuditSeal
from harbourline.audit.services import audit_record
from harbourline.jobs.models import Job, JobStatus, ScheduledRun
from harbourline.jobs.scheduler import enqueue_due, schedule
from harbourline.jobs.services import job_files_cleanup
from harbourline.training import services as training
from harbourline.training.actions import TrainingAction
from harbourline.training.tests.factories import answer, attend_all, build_tests, make_workshop

pytestmark = pytest.mark.django_db

SEAL_ONLY = {"audit-seal": {"task": "harbourline.audit.tasks.audit_seal_task", "every": 5}}


@pytest.fixture(autouse=True)
def job_files(settings: Any, tmp_path: Path) -> Path:
    settings.HARBOURLINE_JOB_FILES_DIR = tmp_path / "jobs"
    settings.HARBOURLINE_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return tmp_path / "jobs"


@pytest.fixture
def capture(django_capture_on_commit_callbacks: Any) -> Any:
    """Jobs are queued when the transaction commits; the tests' transaction never does."""
    return django_capture_on_commit_callbacks


def _event() -> None:
    audit_record(actor=None, action=PlatformAction.DEMO_SEEDED, actor_label="system")


def test_the_scheduler_queues_an_entry_when_it_is_due_and_not_before(settings: Any) -> None:
    settings.HARBOURLINE_SCHEDULE = SEAL_ONLY
    entries = schedule()
    start = timezone.now()
    _event()
    assert enqueue_due(entries, now=start) == ["audit-seal"]
    assert AuditSeal.objects.count() == 1  # the immediate backend of the tests ran it
    _event()
    assert enqueue_due(entries, now=start + datetime.timedelta(seconds=4)) == []
    assert AuditSeal.objects.count() == 1
    assert enqueue_due(entries, now=start + datetime.timedelta(seconds=5)) == ["audit-seal"]
    assert AuditSeal.objects.count() == 2
    assert ScheduledRun.objects.get(name="audit-seal").last_enqueued_at == start + datetime.timedelta(
        seconds=5
    )


def test_the_default_schedule_seals_checkpoints_and_purges_without_cron(settings: Any) -> None:
    entries = {e.name: e for e in schedule()}
    assert entries["audit-seal"].every <= datetime.timedelta(seconds=10)
    assert entries["audit-checkpoint"].every <= datetime.timedelta(hours=1)
    assert entries["retention-purge"].every <= datetime.timedelta(days=31)
    _event()
    out = StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert "Queued audit-checkpoint." in out.getvalue() and "Queued retention-purge." in out.getvalue()
    assert list(Path(settings.HARBOURLINE_AUDIT_CHECKPOINT_DIR).glob("audit-checkpoint-*.json"))
    out = StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert out.getvalue() == ""  # nothing is due again straight away, even after a restart


def test_a_bad_schedule_stops_the_scheduler_with_a_clear_message(settings: Any) -> None:
    from django.core.management.base import CommandError

    settings.HARBOURLINE_SCHEDULE = {"x": {"task": "harbourline.audit.sealing.audit_seal", "every": 5}}
    with pytest.raises(CommandError, match="is not a task"):
        call_command("scheduler", "--once")
    settings.HARBOURLINE_SCHEDULE = {"x": {"task": "harbourline.audit.tasks.audit_seal_task", "every": 0}}
    with pytest.raises(CommandError, match="positive number"):
        call_command("scheduler", "--once")


@pytest.mark.django_db(transaction=True)
def test_the_database_backend_queues_and_the_worker_runs_the_job(settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HARBOURLINE_SCHEDULE = SEAL_ONLY
    _event()
    assert enqueue_due(schedule()) == ["audit-seal"]
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY" and queued.task_path == "harbourline.audit.tasks.audit_seal_task"
    assert not AuditSeal.objects.exists()  # queued, not run
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert AuditSeal.objects.count() == 1
    # Finished results are pruned after a day, so the seal every few seconds does not pile up rows.
    from harbourline.jobs.tasks import task_results_prune_task

    assert task_results_prune_task.call() == 0
    DBTaskResult.objects.update(finished_at=timezone.now() - datetime.timedelta(days=2))
    assert task_results_prune_task.call() == 1
    assert not DBTaskResult.objects.exists()


@pytest.fixture
def workshop_with_certificates() -> Any:
    trainer = make_user([Role.TRAINER], username="lead")
    workshop = make_workshop(trainer, sessions=2, participants=3)
    build_tests(trainer, workshop)
    attend_all(trainer, workshop)
    right = workshop.test_items.filter(kind="post").count()
    for reg in workshop.registrations.order_by("number"):
        answer(trainer, reg, "post", right=right)
    issued = training.certificates_issue(actor=trainer, workshop=workshop)
    return trainer, workshop, issued


def test_the_certificate_zip_is_prepared_in_the_background_with_its_progress_on_the_page(
    workshop_with_certificates: Any, capture: Any
) -> None:
    trainer, workshop, issued = workshop_with_certificates
    client = sign_in(Client(), trainer)
    url = reverse("training:certificates_zip", args=[workshop.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"Prepare the ZIP" in page.content
    with capture(execute=True):
        response = client.post(url)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.status, job.done, job.total) == (JobStatus.DONE, len(issued), len(issued))
    page = client.get(response["Location"])
    assert b'http-equiv="refresh"' not in page.content
    assert b"3 of 3 done" in page.content and b"Download certificates-workshop-" in page.content
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert sorted(names) == sorted(f"certificate-{c.registration.number:03d}-{c.code}.pdf" for c in issued)
    event = AuditEvent.objects.filter(action=TrainingAction.CERTIFICATES_DOWNLOADED.value).get()
    assert (event.actor_id, event.object_type, event.object_id) == (
        trainer.pk,
        "training.workshop",
        str(workshop.pk),
    )


def test_a_running_job_page_refreshes_itself_without_script(workshop_with_certificates: Any) -> None:
    trainer = workshop_with_certificates[0]
    job = Job.objects.create(
        kind="training.certificates_zip", title="ZIP", requested_by=trainer, status="running", done=1, total=3
    )
    page = sign_in(Client(), trainer).get(reverse("jobs:detail", args=[job.pk]))
    assert b'<meta http-equiv="refresh" content="3">' in page.content
    assert b"1 of 3 done" in page.content and b'value="33"' in page.content
    assert b"<script>" not in page.content


def test_someone_else_cannot_see_or_download_a_job_and_nothing_is_recorded_as_read(
    workshop_with_certificates: Any, capture: Any
) -> None:
    trainer, workshop, _ = workshop_with_certificates
    with capture(execute=True):
        sign_in(Client(), trainer).post(reverse("training:certificates_zip", args=[workshop.pk]))
    job = Job.objects.get()
    focal = make_user([Role.NATIONAL_COORDINATOR], username="focal")
    client = sign_in(Client(), focal)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action=TrainingAction.CERTIFICATES_DOWNLOADED.value).exists()
    anonymous = Client().get(reverse("jobs:download", args=[job.pk]))
    assert anonymous.status_code == 302


def test_job_files_are_encrypted_and_removed_after_a_day(
    workshop_with_certificates: Any, job_files: Path, capture: Any
) -> None:
    trainer, workshop, issued = workshop_with_certificates
    with capture(execute=True):
        sign_in(Client(), trainer).post(reverse("training:certificates_zip", args=[workshop.pk]))
    job = Job.objects.get()
    stored = (job_files / f"{job.pk}.bin").read_bytes()
    assert issued[0].participant_name.encode() not in stored and b"%PDF" not in stored
    assert job_files_cleanup() == 0
    assert job_files_cleanup(now=timezone.now() + datetime.timedelta(hours=25)) == 1
    assert not (job_files / f"{job.pk}.bin").exists()
    response = sign_in(Client(), trainer).get(reverse("jobs:detail", args=[job.pk]))
    assert b"removed after a day" in response.content


def test_key_rotation_runs_as_a_background_job(capture: Any) -> None:
    out = StringIO()
    with capture(execute=True):
        call_command("rotate_keys", "--background", stdout=out)
    job = Job.objects.get(kind="crypto.rotate_keys")
    assert job.status == JobStatus.DONE
    assert f"Queued as job {job.pk}" in out.getvalue()
    assert AuditEvent.objects.filter(action=PlatformAction.KEYS_ROTATED.value).count() == 1
    status = StringIO()
    call_command("job_status", str(job.pk), stdout=status)
    assert "Finished" in status.getvalue()


def test_the_retention_purge_task_calls_the_purge(monkeypatch: Any) -> None:
    from harbourline.cases.services import retention
    from harbourline.jobs.tasks import retention_purge_task

    calls: list[Any] = []

    def purge_expired(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 4

    monkeypatch.setattr(retention, "purge_expired", purge_expired)
    result = retention_purge_task.enqueue()
    assert result.return_value == 4 and calls == [{"actor": None}]
