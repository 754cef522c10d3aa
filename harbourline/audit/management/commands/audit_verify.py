from typing import Any

from django.core.management.base import BaseCommand, CommandError

from harbourline.audit.actions import PlatformAction
from harbourline.audit.sealing import audit_verify_report
from harbourline.audit.services import audit_record


class Command(BaseCommand):
    help = (
        "Check the audit trail's HMAC chain against the latest signed checkpoint; name every row changed or "
        "removed, and report the rows not sealed yet."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_verify_report()
        cp = report.checkpoint
        if cp is not None:
            self.stdout.write(
                f"Latest checkpoint: {cp.count} sealed rows ending at #{cp.sequence}, {cp.time} ({cp.path.name})."
            )
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(
            f"Not sealed yet: {report.unsealed} row(s)"
            + (f", the oldest written {report.oldest_unsealed_seconds} s ago." if report.unsealed else ".")
        )
        if report.problems:
            for problem in report.problems:
                self.stderr.write(f"TAMPERED {problem}")
            raise CommandError(
                f"The audit trail has {len(report.problems)} problem(s) in {report.checked} sealed rows."
            )
        audit_record(
            actor=None,
            action=PlatformAction.AUDIT_VERIFIED,
            actor_label="system",
            details={"rows": report.checked, "unsealed": report.unsealed},
        )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {report.checked} rows checked."))
