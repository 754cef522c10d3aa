"""Background work of the figures: keeping the dashboard's summary counts fresh (``manage.py db_worker``)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django_tasks import task

from .summary import figure_counts_refresh

QUEUED = "harbourline:stats:refresh-queued"


@task()
def refresh_figure_counts() -> int:
    try:
        return figure_counts_refresh().rows
    finally:
        cache.delete(QUEUED)


def queue_refresh() -> None:
    """Ask the worker for fresh counts, once: a second request while one waits adds nothing."""
    if cache.add(QUEUED, 1, timeout=15 * 60):
        transaction.on_commit(refresh_figure_counts.enqueue)
