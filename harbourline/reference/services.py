"""Import a public CTDC file as a reference data set, and count it by any of its columns."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from harbourline.audit.services import audit_record

from .actions import ReferenceAction
from .models import ReferenceDataset, ReferenceRow

BATCH = 5000
UNKNOWN = {"", "-99"}
NAME_PATTERN = re.compile(r"^[-a-zA-Z0-9_]+$")


def default_name(path: Path) -> str:
    return re.sub(r"[^-a-zA-Z0-9_]+", "-", path.stem).strip("-").lower()[:80] or "reference"


def _clean(value: str) -> str | None:
    value = value.strip()
    return None if value in UNKNOWN else value


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_data_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


def _rows(path: Path, columns: list[str], reader: Iterator[list[str]]) -> Iterator[dict[str, str | None]]:
    width = len(columns)
    for record in reader:
        if not record:
            continue
        if len(record) != width:
            raise ValidationError(
                f"Line {reader.line_num} of {path.name} has {len(record)} values; the header has {width} "  # type: ignore[attr-defined]
                "columns. Nothing was imported."
            )
        yield {column: _clean(value) for column, value in zip(columns, record, strict=True)}


def _store(
    dataset: ReferenceDataset,
    rows: Iterator[dict[str, str | None]],
    *,
    tick: Callable[[int], Any] | None,
    batch: int,
) -> int:
    """Write the rows: COPY on PostgreSQL (tens of thousands a second), batched INSERTs elsewhere."""
    total = 0
    if connection.vendor == "postgresql":
        table = ReferenceRow._meta.db_table
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(  # type: ignore[attr-defined]
                f'COPY "{table}" ("dataset_id", "values") FROM STDIN'
            ) as copy,
        ):
            for values in rows:
                copy.write_row((dataset.pk, json.dumps(values, ensure_ascii=False)))
                total += 1
                if tick and total % batch == 0:
                    tick(batch)
        if tick and total % batch:
            tick(total % batch)
        return total
    pending: list[ReferenceRow] = []
    for values in rows:
        pending.append(ReferenceRow(dataset=dataset, values=values))
        if len(pending) >= batch:
            ReferenceRow.objects.bulk_create(pending)
            total += len(pending)
            if tick:
                tick(len(pending))
            pending = []
    if pending:
        ReferenceRow.objects.bulk_create(pending)
        total += len(pending)
        if tick:
            tick(len(pending))
    return total


def reference_import(
    path: Path, *, name: str = "", tick: Callable[[int], Any] | None = None, batch: int = BATCH
) -> ReferenceDataset:
    """Load a CSV file (a header row of column names, then one record a line) as a new reference data set.

    All or nothing: a malformed file or a name already taken changes nothing."""
    name = name or default_name(path)
    if not NAME_PATTERN.match(name) or len(name) > 80:
        raise ValidationError("A data set name uses letters, digits, '-' and '_' only (at most 80).")
    if not path.is_file():
        raise ValidationError(f"There is no file at {path}.")
    if ReferenceDataset.objects.filter(name=name).exists():
        raise ValidationError(f"A data set named {name!r} exists already; choose another name with --name.")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        columns = [column.strip() for column in header or []]
        if not columns or not all(columns):
            raise ValidationError(f"{path.name} has no header row of column names. Nothing was imported.")
        if len(set(columns)) != len(columns):
            raise ValidationError(f"{path.name} names a column twice. Nothing was imported.")
        with transaction.atomic():
            dataset = ReferenceDataset.objects.create(
                name=name, source_file=path.name[:255], sha256=_sha256(path), columns=columns
            )
            total = _store(dataset, _rows(path, columns, reader), tick=tick, batch=batch)
            dataset.row_count = total
            dataset.save(update_fields=["row_count"])
            audit_record(
                actor=None,
                action=ReferenceAction.DATASET_IMPORTED,
                actor_label="system",
                object_type="reference_dataset",
                object_id=dataset.pk,
                details={"name": name, "rows": total, "columns": len(columns), "sha256": dataset.sha256},
            )
    return dataset


def reference_dataset_get(name: str) -> ReferenceDataset:
    dataset = ReferenceDataset.objects.filter(name=name).first()
    if dataset is None:
        known = ", ".join(ReferenceDataset.objects.values_list("name", flat=True)) or "none yet"
        raise ValidationError(f"There is no reference data set named {name!r} (known: {known}).")
    return dataset


def reference_figures(dataset: ReferenceDataset, by: list[str]) -> list[dict[str, Any]]:
    """Counts of the data set's rows for each combination of the ``by`` columns that occurs, under the file's
    own column names and ``count``; unknown values (blank or -99 in the file) are ``None``."""
    if not by:
        raise ValidationError("Name at least one column to count by.")
    unknown = [column for column in by if column not in dataset.columns]
    if unknown:
        raise ValidationError(
            f"{', '.join(unknown)} is not a column of {dataset.name}; its columns are {', '.join(dataset.columns)}."
        )
    if len(set(by)) != len(by):
        raise ValidationError("Name each column once.")
    # Counted here rather than by GROUP BY over JSON keys, whose null handling differs between databases.
    counts: Counter[tuple[str | None, ...]] = Counter()
    for values in (
        ReferenceRow.objects.filter(dataset=dataset).values_list("values", flat=True).iterator(5000)
    ):
        counts[tuple(values.get(column) for column in by)] += 1
    result = []
    for combination in sorted(counts, key=lambda key: [(v is not None, v or "") for v in key]):
        item: dict[str, Any] = dict(zip(by, combination, strict=True))
        item["count"] = counts[combination]
        result.append(item)
    return result
