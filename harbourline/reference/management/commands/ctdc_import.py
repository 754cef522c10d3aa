from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from harbourline.reference.services import count_data_rows, default_name, reference_import


class Command(BaseCommand):
    help = "Load a public CTDC CSV file as a reference data set for comparison (never as cases)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--name", default="", help="The data set's name (default: from the file name).")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, file: Path, name: str, quiet: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"There is no file at {file}.")
        name = name or default_name(file)
        started = time.perf_counter()
        try:
            with tqdm(
                total=count_data_rows(file),
                desc=f"importing {name}",
                unit=" rows",
                disable=quiet,
                file=self.stderr._out,
            ) as bar:
                dataset = reference_import(file, name=name, tick=bar.update)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        seconds = time.perf_counter() - started
        rate = dataset.row_count / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {dataset.row_count} rows as {dataset.name!r} in {seconds:.1f} s ({rate:,.0f} rows/s)."
            )
        )
