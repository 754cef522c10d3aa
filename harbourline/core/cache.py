"""The database cache, with an increment that two processes cannot interleave.

Django's database cache increments by reading and then writing the value, so two workers counting the same
rate limit at once can both write the same number and lose a request. Here the read and the write happen in
one transaction that holds the row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's transactions already
take the write lock when they begin, see ``transaction_mode`` in the settings), in four round trips rather
than the nine of a get followed by a set. ``add`` (a rate limit's first count in its window) is one
INSERT ... ON CONFLICT statement that only replaces an expired row, instead of five statements."""

from __future__ import annotations

import base64
import pickle
import random
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now

CULL_ONE_ADD_IN = 100  # Django's add counts the table and culls it on every call; here one add in a hundred


class AtomicDatabaseCache(DatabaseCache):
    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if (
            not connection.features.supports_update_conflicts_with_target
            or random.randrange(CULL_ONE_ADD_IN) == 0  # noqa: S311  (sampling, not a secret)
        ):
            return bool(super().add(key, value, timeout, version=version))
        key = self.make_and_validate_key(key, version=version)
        seconds = self.get_backend_timeout(timeout)
        if seconds is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(seconds, tz=UTC if settings.USE_TZ else None)
        current = now().replace(microsecond=0)
        adapt = connection.ops.adapt_datetimefield_value
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "  # noqa: S608
                f"ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, expires = excluded.expires "
                f"WHERE {table}.expires < %s",
                [key, encoded, adapt(expires.replace(microsecond=0)), adapt(current)],
            )
            return cursor.rowcount == 1

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        expression = models.Expression(output_field=models.DateTimeField())
        converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(f"SELECT value, expires FROM {table} WHERE cache_key = %s{lock}", [key])  # noqa: S608
            row = cursor.fetchone()
            expires = row[1] if row else None
            for converter in converters:
                expires = converter(expires, expression, connection) if expires is not None else None
            if row is None or expires is None or expires < now():
                raise ValueError(f"Key '{key}' not found.")
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301  (our own cache rows)
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s", [encoded, key])  # noqa: S608
        return value
