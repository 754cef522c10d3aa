import signal
import time
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from harbourline.jobs.scheduler import enqueue_due, schedule


class Command(BaseCommand):
    help = (
        "Queue the periodic jobs of HARBOURLINE_SCHEDULE (audit sealing and checkpoints, the retention purge, "
        "clean-up) for the worker (`manage.py db_worker`) when they are due. Runs until stopped."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between checks (default 1).")
        parser.add_argument("--once", action="store_true", help="Queue what is due now, then exit.")

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        try:
            entries = schedule()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        running = True

        def stop(signum: int, frame: Any) -> None:
            nonlocal running
            running = False

        if not once:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
            names = ", ".join(f"{e.name} every {int(e.every.total_seconds())} s" for e in entries)
            self.stdout.write(f"Scheduler started: {names}.")
        while True:
            for name in enqueue_due(entries):
                self.stdout.write(f"Queued {name}.")
            if once or not running:
                break
            time.sleep(interval)
            if not running:
                break
            close_old_connections()  # like a request: drop a connection the database closed meanwhile
