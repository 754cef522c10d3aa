import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from harbourline.jobs.models import Job


class Command(BaseCommand):
    help = "Show the status and progress of background jobs (the newest 20, or the one named)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("job", nargs="?", help="A job id.")

    def handle(self, *args: Any, job: str | None, **options: Any) -> None:
        if job:
            try:
                jobs = [Job.objects.get(pk=uuid.UUID(job))]
            except (ValueError, Job.DoesNotExist) as exc:
                raise CommandError(f"No job {job}.") from exc
        else:
            jobs = list(Job.objects.order_by("-created_at")[:20])
        for item in jobs:
            progress = f" {item.done}/{item.total}" if item.total else ""
            message = f" - {item.message}" if item.message else ""
            self.stdout.write(f"{item.pk} {item.kind} {item.get_status_display()}{progress}{message}")
