"""Background jobs someone started from a page (a ZIP of certificates, a key rotation), with their progress, and
when each scheduled job was last put in the queue. The work itself runs in the worker (django-tasks)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Finished"
    FAILED = "failed", "Failed"


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=64, help_text="What the job does, e.g. 'training.certificates_zip'.")
    title = models.CharField(max_length=200, help_text="Plain words for the job page; no personal data.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    back_url = models.CharField(max_length=300, blank=True, help_text="The page that started the job.")
    file_name = models.CharField(max_length=150, blank=True, help_text="Download name of the result file.")
    file_type = models.CharField(max_length=100, blank=True)
    download_action = models.CharField(
        max_length=64, blank=True, help_text="Audit action written when the result file is downloaded."
    )
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    task_id = models.CharField(max_length=64, blank=True, help_text="The django-tasks result id.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.status} {self.done}/{self.total}"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class ScheduledRun(models.Model):
    """When the scheduler last queued each entry of HARBOURLINE_SCHEDULE, so a restart does not queue it again."""

    name = models.CharField(max_length=64, primary_key=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)
    last_task_id = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.name} last queued {self.last_enqueued_at}"
