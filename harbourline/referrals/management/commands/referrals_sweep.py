from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from harbourline.referrals.services import referrals_sweep


class Command(BaseCommand):
    help = "Flag overdue referrals to both agencies and the coordinator, and expire unanswered ones."

    def handle(self, *args: Any, **options: Any) -> None:
        result = referrals_sweep()
        self.stdout.write(f"{result['flagged']} flagged overdue, {result['expired']} expired.")
