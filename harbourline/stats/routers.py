"""Dashboards and exports read from a replica when one is configured (``DATABASE_REPLICA_URL``).

Only reads made inside ``stats_reads()`` go to the replica, so case work (and everything written, audit rows
included) stays on the primary. Without a ``replica`` database every read goes to the primary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings

REPLICA = "replica"
_reading_for_stats: ContextVar[bool] = ContextVar("harbourline_stats_reads", default=False)


@contextmanager
def stats_reads() -> Iterator[None]:
    """Route the reads made inside this block to the replica, when there is one."""
    token = _reading_for_stats.set(True)
    try:
        yield
    finally:
        _reading_for_stats.reset(token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class StatsReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if _reading_for_stats.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica is a copy of the primary: objects from either may be related

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA
