from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from harbourline.stats.summary import figure_counts_refresh


class Command(BaseCommand):
    help = (
        "Rebuild the summary counts behind the figures dashboard now (the worker does it every few minutes)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        refresh = figure_counts_refresh()
        self.stdout.write(
            f"{refresh.rows:,} summary rows in {refresh.took_ms:,} ms, as of {refresh.refreshed_at:%H:%M:%S}"
        )
