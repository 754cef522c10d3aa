"""The database cache's increment counts every request, even from two processes at once (issue 10)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection

from harbourline.core.cache import AtomicDatabaseCache


@pytest.fixture
def db_cache(settings: Any) -> AtomicDatabaseCache:
    settings.CACHES = {
        **settings.CACHES,
        "atomic": {"BACKEND": "harbourline.core.cache.AtomicDatabaseCache", "LOCATION": "harbourline_cache"},
    }
    cache = caches["atomic"]
    assert isinstance(cache, AtomicDatabaseCache)
    return cache


@pytest.mark.django_db
def test_add_writes_only_a_missing_or_expired_key(db_cache: AtomicDatabaseCache, monkeypatch: Any) -> None:
    monkeypatch.setattr("harbourline.core.cache.CULL_ONE_ADD_IN", 10**9)  # always the one-statement add
    assert db_cache.add("k", "first", timeout=60)
    assert not db_cache.add("k", "second", timeout=60)
    assert db_cache.get("k") == "first"
    db_cache.set("gone", "old", timeout=-1)
    assert db_cache.add("gone", "new", timeout=60) and db_cache.get("gone") == "new"
    assert db_cache.add("forever", 1, timeout=None) and db_cache.get("forever") == 1


@pytest.mark.django_db
def test_incr_counts_and_refuses_a_missing_or_expired_key(db_cache: AtomicDatabaseCache) -> None:
    assert db_cache.add("n", 1, timeout=60)
    assert db_cache.incr("n") == 2 and db_cache.incr("n", 5) == 7 and db_cache.get("n") == 7
    with pytest.raises(ValueError):
        db_cache.incr("missing")
    db_cache.set("old", 1, timeout=-1)
    with pytest.raises(ValueError):
        db_cache.incr("old")


@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_are_not_lost(db_cache: AtomicDatabaseCache) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers anyway; the row lock matters on PostgreSQL")
    db_cache.add("hits", 0, timeout=60)
    threads, rounds = 4, 25

    def work() -> None:
        for _ in range(rounds):
            db_cache.incr("hits")
        connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert db_cache.get("hits") == threads * rounds
