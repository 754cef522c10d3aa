"""Write the access rules of cases (generated from ``cases.policy``) for docs/security.md."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from harbourline.cases.policy import security_document


class Command(BaseCommand):
    help = "Print the access rules generated from the policy (docs/security.md)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", default="", help="File to write; standard output when omitted.")

    def handle(self, *args: Any, out: str, **options: Any) -> None:
        text = security_document()
        if out:
            Path(out).write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {out}."))
        else:
            self.stdout.write(text, ending="")
