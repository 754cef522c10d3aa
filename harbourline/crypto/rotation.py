"""Re-encrypt every encrypted column under the active key, in batches, without loading whole tables.

The same pass re-seals values from before row binding (``hl1`` tokens, bound to the column only) as ``hl2``
tokens bound to their row; the data migrations that added ``row_key`` call :func:`reseal_model` with
``fresh_row_keys`` so that each existing row gets its own key.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction

from .aead import ROW_TOKEN_PREFIX, decrypt_text, encrypt_text, token_key_id, token_prefix
from .fields import ROW_KEY_FIELD, blind_index_fields, encrypted_fields, row_context
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


def _open_any(token: str, field_context: str, row_key: Any) -> str:
    """A stored token's plain text: a row-bound token with its row's key, an older one with its column's."""
    if token_prefix(token) == ROW_TOKEN_PREFIX:
        return decrypt_text(token, context=row_context(field_context, row_key))
    return decrypt_text(token, context=field_context)


def reseal_model(
    model: type[models.Model],
    *,
    batch: int = 500,
    reindex: bool = False,
    fresh_row_keys: bool = False,
    tick: Callable[[int], None] = lambda n: None,
    using: str = "default",
) -> RotationResult:
    """Re-encrypt the model's values that are not yet row-bound under the active key. With
    ``fresh_row_keys`` every row first gets a new random row key and all its values are re-sealed for it.
    Works on historical models too (data migrations)."""
    from django.db import connections

    conn = connections[using]
    result = RotationResult()
    fields = encrypted_fields(model)
    indexes = blind_index_fields(model) if reindex else []
    active = get_keyring().active_id
    qn = conn.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)  # type: ignore[union-attr]
    key_field: Any = model._meta.get_field(ROW_KEY_FIELD) if fields else None
    selected = [key_field.column] if key_field else []
    columns = ", ".join(qn(c) for c in [*selected, *(f.column for f in fields)]) or pk
    last_pk: object = None
    while True:
        with transaction.atomic(using=using):
            where = f"WHERE {pk} > %s " if last_pk is not None else ""
            sql = f"SELECT {pk}, {columns} FROM {table} {where}ORDER BY {pk} LIMIT %s"  # noqa: S608
            params: list[Any] = [last_pk, batch] if last_pk is not None else [batch]
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            if not rows:
                break
            for row in rows:
                updates: dict[str, Any] = {}
                if key_field is not None:
                    old_key = row[1]
                    new_key = uuid.uuid4() if fresh_row_keys else old_key
                    if fresh_row_keys:
                        updates[key_field.column] = key_field.get_db_prep_value(new_key, conn)
                    for field, token in zip(fields, row[2:], strict=True):
                        if not token:
                            continue
                        if (
                            fresh_row_keys
                            or token_prefix(token) != ROW_TOKEN_PREFIX
                            or token_key_id(token) != active
                        ):
                            plain = _open_any(token, field.encryption_context, old_key)
                            updates[field.column] = encrypt_text(
                                plain,
                                context=row_context(field.encryption_context, new_key),
                                prefix=ROW_TOKEN_PREFIX,
                            )
                if updates:
                    assignments = ", ".join(f"{qn(col)} = %s" for col in updates)
                    with conn.cursor() as cursor:
                        cursor.execute(
                            f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608
                            [*updates.values(), row[0]],
                        )
                    result.values += len(updates) - (1 if fresh_row_keys else 0)
                    result.rows += 1
                if indexes:
                    instance = model._default_manager.db_manager(using).get(pk=row[0])
                    digests = {f.attname: f.digest_for(getattr(instance, f.source)) for f in indexes}
                    model._default_manager.db_manager(using).filter(pk=row[0]).update(**digests)
                    result.reindexed += 1
            last_pk = rows[-1][0]
            tick(len(rows))
    return result


def reseal_app(apps_registry: Any, app_label: str, using: str = "default") -> None:
    """For a data migration: give every row of the app's models with encrypted fields its own row key and
    re-seal their values for it."""
    for model in apps_registry.get_app_config(app_label).get_models():
        if encrypted_fields(model) and model._default_manager.using(using).exists():
            reseal_model(model, fresh_row_keys=True, using=using)


def rotate_all(
    *, batch: int = 500, reindex: bool = False, tick: Callable[[int], None] = lambda n: None
) -> RotationResult:
    total = RotationResult()
    for model in models_with_encryption():
        part = reseal_model(model, batch=batch, reindex=reindex, tick=tick)
        total.values += part.values
        total.rows += part.rows
        total.reindexed += part.reindexed
    for rotator in EXTRA_ROTATORS:
        total.values += rotator(tick)
    return total
