from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from harbourline.reference.services import reference_dataset_get, reference_figures


class Command(BaseCommand):
    help = "Count a reference data set by one or more of its columns (blank or -99 values count as null)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--by", action="append", required=True, help="A column name; repeat for more.")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args: Any, name: str, by: list[str], **options: Any) -> None:
        try:
            figures = reference_figures(reference_dataset_get(name), by)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(json.dumps(figures, ensure_ascii=False))
