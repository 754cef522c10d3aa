from typing import Any

from django.core.management.base import BaseCommand

from harbourline.public.leaflets import write_leaflets


class Command(BaseCommand):
    help = (
        "Draw the launch leaflets (PDF) into harbourline/public/content/leaflets/ (commit them afterwards)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for path in write_leaflets():
            self.stdout.write(f"wrote {path}")
