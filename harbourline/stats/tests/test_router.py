"""Dashboards and exports read from the replica when DATABASE_REPLICA_URL configures one; writes never do."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings

from harbourline.cases.models import Case
from harbourline.stats.routers import REPLICA, StatsReplicaRouter, stats_reads


@pytest.fixture
def with_replica(monkeypatch: Any) -> None:
    """A configured replica, as DATABASE_REPLICA_URL makes one (settings/base.py adds the alias)."""
    from harbourline.stats import routers

    monkeypatch.setattr(routers, "replica_configured", lambda: True)


def test_stats_reads_go_to_the_replica_and_writes_to_the_primary(with_replica: None) -> None:
    router = StatsReplicaRouter()
    with stats_reads():
        assert router.db_for_read(Case) == REPLICA
        assert router.db_for_write(Case) == "default"
    assert router.db_for_read(Case) == "default"  # case work outside the block stays on the primary


def test_without_a_replica_stats_reads_go_to_the_primary() -> None:
    router = StatsReplicaRouter()
    assert REPLICA not in django_settings.DATABASES
    with stats_reads():
        assert router.db_for_read(Case) == "default"


def test_the_replica_is_never_migrated(with_replica: None) -> None:
    router = StatsReplicaRouter()
    assert router.allow_migrate(REPLICA, "cases") is False
    assert router.allow_migrate("default", "cases") is True


def test_the_router_is_installed() -> None:
    assert "harbourline.stats.routers.StatsReplicaRouter" in django_settings.DATABASE_ROUTERS


def test_the_dashboard_selector_reads_inside_the_replica_block(with_replica: None, monkeypatch: Any) -> None:
    """Every figure the dashboard computes is computed while stats reads are routed."""
    from harbourline.stats import registry, selectors
    from harbourline.stats.filters import Filters
    from harbourline.stats.tables import Table

    seen: list[str | None] = []

    def probe(filters: Filters) -> Table:
        seen.append(StatsReplicaRouter().db_for_read(Case))
        return Table("probe", "Probe", "Row", ["n"], [])

    monkeypatch.setattr(registry, "_SECTIONS", {"probe": registry.FigureSection("probe", "Probe", (probe,))})
    # No real replica in this test: the summary's age is read elsewhere.
    monkeypatch.setattr(selectors, "summary_is_stale", lambda minutes: False)

    class Analyst:
        is_authenticated = True

        def has_hl_perm(self, perm: object) -> bool:
            return True

    selectors.dashboard_figures(Analyst(), Filters())  # type: ignore[arg-type]
    assert seen == [REPLICA]


def test_the_replica_setting_adds_a_mirrored_alias(monkeypatch: Any) -> None:
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://reader@replica.invalid:5432/harbourline")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.DATABASES[REPLICA]["HOST"] == "replica.invalid"
        assert reloaded.DATABASES[REPLICA]["TEST"] == {"MIRROR": "default"}
    finally:
        monkeypatch.delenv("DATABASE_REPLICA_URL")
        importlib.reload(base)
