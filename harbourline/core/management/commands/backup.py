from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from harbourline.core.backup import backup_to


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump) with a manifest of row counts and checksums."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--out", default="", help="Backup file (default var/backups/harbourline-<time>.db)."
        )

    def handle(self, *args: Any, out: str, **options: Any) -> None:
        path = Path(out or f"var/backups/harbourline-{timezone.now():%Y%m%d-%H%M%S}.db")
        try:
            checksums = backup_to(path)
        except Exception as exc:  # report any tool failure plainly
            raise CommandError(f"Backup failed: {exc}") from exc
        rows = sum(c["rows"] for c in checksums.values())
        self.stdout.write(self.style.SUCCESS(f"Backed up {len(checksums)} tables, {rows} rows, to {path}."))
