from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from harbourline.cases.screening.services import DATA_FILE, instruments_load


class Command(BaseCommand):
    help = (
        "Load screening instruments from a file (default: the ILO/EC lists shipped with Harbourline). An "
        "instrument whose content changed becomes a new active version; earlier screenings keep theirs."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--file", default=str(DATA_FILE))

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        path = Path(file)
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        created = instruments_load(path=path)
        self.stdout.write(self.style.SUCCESS(f"{created} new instrument version(s) loaded from {path.name}."))
