from typing import Any

from django.core.management.base import BaseCommand

from harbourline.cases.services import purge_expired
from harbourline.cases.services.retention import purge_cutoff, retention_years


class Command(BaseCommand):
    help = (
        "Remove the personal data of cases closed longer than the retention period (country profile "
        "retention.closed_case_years, or HARBOURLINE_CASE_RETENTION_YEARS). Statistics columns stay."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_expired()
        self.stdout.write(
            self.style.SUCCESS(
                f"Purged {count} case(s) closed before {purge_cutoff():%d %b %Y} (retention {retention_years()} years)."
            )
        )
