"""The summary the background worker keeps so the dashboard answers in well under a second at a million cases.

Stats owns these rows only; case data is read, never written. Each row is an exact count of one figure's row
under one combination of the filters, as of the last refresh (``FigureRefresh``).
"""

from __future__ import annotations

from django.db import models


class FigureCount(models.Model):
    """Cases (or services) counted for one figure row under one combination of year, agency, district and form
    of exploitation ("" for every form)."""

    figure = models.CharField(max_length=40, help_text="The figure's key, e.g. victims_by_sex.")
    form = models.CharField(
        max_length=24, blank=True, help_text="Form of exploitation filter; blank for all."
    )
    year = models.IntegerField(
        null=True, blank=True, help_text="The figure's own year (registration, decision)."
    )
    agency_id = models.BigIntegerField(help_text="Owning agency of the cases counted.")
    district = models.CharField(max_length=6, blank=True, help_text="ISO 3166-2 district of intake.")
    key = models.CharField(max_length=40, blank=True, help_text="The figure row's code (sex, status, ...).")
    key2 = models.CharField(max_length=40, blank=True, help_text="A second code, for two-way figures.")
    n = models.PositiveIntegerField(help_text="The count.")

    class Meta:
        indexes = [models.Index(fields=["figure", "form", "year"], name="stats_figurecount_lookup")]

    def __str__(self) -> str:
        return f"{self.figure} {self.key} {self.n}"


class FigureRefresh(models.Model):
    """When the summary was last rebuilt (one row)."""

    refreshed_at = models.DateTimeField(help_text="When the counts were taken.")
    took_ms = models.PositiveIntegerField(default=0, help_text="How long the rebuild took.")
    rows = models.PositiveIntegerField(default=0, help_text="Summary rows written.")

    def __str__(self) -> str:
        return f"figures as of {self.refreshed_at:%Y-%m-%d %H:%M}"
