import random
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from harbourline.accounts.models import User
from harbourline.audit.actions import PlatformAction
from harbourline.audit.services import audit_record
from harbourline.core.registry import SeedContext, seeders
from harbourline.country.models import Country
from harbourline.country.services import country_load


class Command(BaseCommand):
    help = (
        "Create clearly fictional demo data for Saint Lucia (demo users, cases, tips, workshops): by default at "
        "the island's own scale; --cases N scales the cases up for benchmarks."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--cases",
            type=int,
            default=None,
            help="Bulk-create this many demo cases (benchmarks). Without it: the island's scale, a few "
            "identified victims a year, made through the case services.",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for repeatable data.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if demo data already exists.")
        parser.add_argument("--quiet", action="store_true", help="No progress bars.")

    def handle(
        self, *args: Any, cases: int | None, seed: int, if_empty: bool, quiet: bool, **options: Any
    ) -> None:
        if not settings.HARBOURLINE_DEMO_MODE:
            raise CommandError("Demo data is only for demo installations (HARBOURLINE_DEMO_MODE).")
        if cases is not None and cases < 0:
            raise CommandError("--cases must be 0 or more.")
        if if_empty and User.objects.filter(is_demo=True).exists():
            self.stdout.write("Demo data already present; nothing to do.")
            return
        if not Country.objects.exists():
            country_load(name=settings.HARBOURLINE_COUNTRY)

        def progress(label: str, total: int) -> Any:
            return tqdm(total=total, desc=label, unit="", disable=quiet, file=self.stderr._out, leave=True)

        ctx = SeedContext(cases=cases or 0, rng=random.Random(seed), progress=progress, island=cases is None)
        for seeder in seeders():
            seeder.run(ctx)
        audit_record(actor=None, action=PlatformAction.DEMO_SEEDED, actor_label="system", details=ctx.created)
        summary = ", ".join(f"{count} {name}" for name, count in ctx.created.items()) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {summary}."))
