from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from harbourline.audit.actions import PlatformAction
from harbourline.audit.services import audit_record
from harbourline.crypto.keys import get_keyring, reset_keyring_cache
from harbourline.crypto.rotation import rotate_all, rows_to_visit


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value under the active key, in batches. Add the new key first "
        "(generate_keys --add); keep old keys in the file until this has finished. --reindex recomputes "
        "blind indexes after the blind-index key changed."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=500)
        parser.add_argument("--reindex", action="store_true")
        parser.add_argument("--quiet", action="store_true")
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the rotation for the worker instead of running it here; prints the job to follow.",
        )

    def handle(
        self, *args: Any, batch: int, reindex: bool, quiet: bool, background: bool, **options: Any
    ) -> None:
        if background:
            from harbourline.jobs.services import job_start
            from harbourline.jobs.tasks import rotate_keys_task

            job = job_start(
                actor=None,
                task=rotate_keys_task,
                kind="crypto.rotate_keys",
                title="Re-encrypt everything under the active key",
                object_type="crypto",
                batch=batch,
                reindex=reindex,
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Queued as job {job.pk}; the worker runs it. Follow it with `manage.py job_status {job.pk}`."
                )
            )
            return
        reset_keyring_cache()
        active = get_keyring().active_id
        with tqdm(
            total=rows_to_visit(), desc=f"re-encrypting under {active}", disable=quiet, file=self.stderr._out
        ) as bar:
            result = rotate_all(batch=batch, reindex=reindex, tick=bar.update)
        audit_record(
            actor=None,
            action=PlatformAction.KEYS_ROTATED,
            actor_label="system",
            details={
                "active_key": active,
                "values": result.values,
                "rows": result.rows,
                "reindexed": result.reindexed,
            },
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {result.values} values in {result.rows} rows now under {active}; {result.reindexed} rows reindexed."
            )
        )
