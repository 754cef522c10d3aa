from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from harbourline.crypto.keys import write_key_file


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # the keys this command creates are what the checks look for
    help = "Create a key file (field keys and blind-index key), or with --add give it a new active field key."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", required=True, help="Path of the key file (created with mode 600).")
        parser.add_argument(
            "--add", action="store_true", help="Add a new active field key to an existing file."
        )
        parser.add_argument(
            "--add-audit-key",
            action="store_true",
            help="Give an existing file the audit-trail key it lacks (files made before it existed).",
        )

    def handle(self, *args: Any, out: str, add: bool, add_audit_key: bool, **options: Any) -> None:
        existed = Path(out).exists()
        try:
            kid = write_key_file(Path(out), add_field_key=add, add_audit_key=add_audit_key)
        except FileExistsError as exc:
            raise CommandError(str(exc)) from exc
        if add_audit_key and not add:
            self.stdout.write(
                self.style.SUCCESS(f"Added the audit key to {out}. Back this file up separately.")
            )
            return
        verb = "Added" if existed else "Created"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} field key {kid} in {out}. Back this file up separately.")
        )
