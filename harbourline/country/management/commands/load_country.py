from typing import Any

from django.core.management.base import BaseCommand, CommandError

from harbourline.country.services import country_load


class Command(BaseCommand):
    help = (
        "Load a country profile (districts, agencies, numbers) from harbourline/country/profiles/NAME.json."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("name", nargs="?", default="saint_lucia")

    def handle(self, *args: Any, name: str, **options: Any) -> None:
        try:
            result = country_load(name=name)
        except (FileNotFoundError, ValueError) as exc:
            raise CommandError(f"Cannot load the profile {name!r}: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {name}: {result['districts']} districts, {result['new_agencies']} new agencies."
            )
        )
