"""Public data sets kept for comparison (the CTDC global and synthetic files): never cases, never personal data.

A data set keeps the file's own column names and one row per record, its values as the file wrote them, except
that a blank or ``-99`` (CTDC's "unknown") is stored as null."""

from __future__ import annotations

from django.db import models


class ReferenceDataset(models.Model):
    name = models.SlugField(max_length=80, unique=True, help_text="The name figures are asked for by.")
    source_file = models.CharField(
        max_length=255, help_text="The file's name when it was imported (no path)."
    )
    sha256 = models.CharField(max_length=64, help_text="Checksum of the imported file.")
    columns = models.JSONField(default=list, help_text="The file's column names, in the file's order.")
    row_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReferenceRow(models.Model):
    dataset = models.ForeignKey(ReferenceDataset, on_delete=models.CASCADE, related_name="rows")
    values = models.JSONField(help_text="Column name to value; blank and -99 stored as null.")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"row {self.pk} of data set {self.dataset_id}"
