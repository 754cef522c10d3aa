from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from harbourline.core.backup import BackupRefused, restore_from


class Command(BaseCommand):
    help = "Restore the database from a backup made by `manage.py backup`, then compare it with the manifest."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="The backup file (its .manifest.json must be beside it).")
        parser.add_argument("--yes", action="store_true", help="Confirm: the current contents are replaced.")

    def handle(self, *args: Any, path: str, yes: bool, **options: Any) -> None:
        if not yes:
            raise CommandError(
                "Restoring replaces everything in the database: run again with --yes to confirm."
            )
        if not Path(path).exists() or not Path(f"{path}.manifest.json").exists():
            raise CommandError(f"{path} or its manifest is missing.")
        try:
            mismatched = restore_from(Path(path))
        except BackupRefused as exc:
            raise CommandError(str(exc)) from exc
        if mismatched:
            raise CommandError(f"Restored, but these tables differ from the backup: {', '.join(mismatched)}")
        self.stdout.write(self.style.SUCCESS(f"Restored {path}: every table matches its checksum."))
