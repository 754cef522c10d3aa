"""The database cache, with an increment that two processes cannot interleave.

Django's database cache increments by reading and then writing the value, so two workers counting the same
rate limit at once can both write the same number and lose a request. Here the read and the write happen in
one transaction that holds the row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's transactions already
take the write lock when they begin, see ``transaction_mode`` in the settings)."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608
                        [self.make_and_validate_key(key, version=version)],
                    )
            return super().incr(key, delta, version=version)
