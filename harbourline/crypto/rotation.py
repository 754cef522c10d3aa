"""Re-encrypt every encrypted column under the active key, in batches, without loading whole tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction

from .aead import decrypt_text, encrypt_text, token_key_id
from .fields import blind_index_fields, encrypted_fields
from .keys import get_keyring

# Other stores of encrypted data (attachment files) register a callable(progress) -> count of items rotated.
EXTRA_ROTATORS: list[Callable[[Callable[[int], None]], int]] = []


@dataclass
class RotationResult:
    values: int = 0
    rows: int = 0
    reindexed: int = 0


def models_with_encryption() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if encrypted_fields(m) or blind_index_fields(m)]


def rows_to_visit() -> int:
    return sum(m._default_manager.count() for m in models_with_encryption())


def _rotate_model(
    model: type[models.Model], batch: int, reindex: bool, tick: Callable[[int], None]
) -> RotationResult:
    result = RotationResult()
    fields = encrypted_fields(model)
    indexes = blind_index_fields(model) if reindex else []
    active = get_keyring().active_id
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)  # type: ignore[union-attr]
    columns = ", ".join(qn(f.column) for f in fields) or pk
    last_pk: object = None
    while True:
        with transaction.atomic():
            where = f"WHERE {pk} > %s " if last_pk is not None else ""
            sql = f"SELECT {pk}, {columns} FROM {table} {where}ORDER BY {pk} LIMIT %s"  # noqa: S608
            params: list[Any] = [last_pk, batch] if last_pk is not None else [batch]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            if not rows:
                break
            for row in rows:
                updates: dict[str, str] = {}
                for field, token in zip(fields, row[1:], strict=False):
                    if token and token_key_id(token) != active:
                        plain = decrypt_text(token, context=field.encryption_context)
                        updates[field.column] = encrypt_text(plain, context=field.encryption_context)
                if updates:
                    assignments = ", ".join(f"{qn(col)} = %s" for col in updates)
                    with connection.cursor() as cursor:
                        cursor.execute(
                            f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608
                            [*updates.values(), row[0]],
                        )
                    result.values += len(updates)
                    result.rows += 1
                if indexes:
                    instance = model._default_manager.get(pk=row[0])
                    digests = {f.attname: f.digest_for(getattr(instance, f.source)) for f in indexes}
                    model._default_manager.filter(pk=row[0]).update(**digests)
                    result.reindexed += 1
            last_pk = rows[-1][0]
            tick(len(rows))
    return result


def rotate_all(
    *, batch: int = 500, reindex: bool = False, tick: Callable[[int], None] = lambda n: None
) -> RotationResult:
    total = RotationResult()
    for model in models_with_encryption():
        part = _rotate_model(model, batch, reindex, tick)
        total.values += part.values
        total.rows += part.rows
        total.reindexed += part.reindexed
    for rotator in EXTRA_ROTATORS:
        total.values += rotator(tick)
    return total
