"""Model fields that encrypt transparently, and blind-index fields that keep themselves current.

Services read and write plain Python values; the database only ever sees ``hl2:...`` tokens, each
bound to its column and its row (:class:`SealedRowModel`). Encrypted
fields accept no lookups but ``isnull``: search goes through a :class:`BlindIndexField`.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django import forms
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from .aead import ROW_TOKEN_PREFIX, DecryptionError, decrypt_text, encrypt_text, token_prefix
from .blind import blind_index, normalise, normalise_document

ROW_KEY_FIELD = "row_key"


class StoredCiphertext(str):
    """A value as the database holds it, not yet opened. Only ``from_db_value`` makes these: text that comes
    from a form, an API call or code is a plain ``str`` and is always encrypted as it is, never opened."""

    __slots__ = ()


class SealedForRow(str):
    """A token sealed for one row by ``pre_save``; written to the database as it is."""

    __slots__ = ()


class SealedRowModel(models.Model):
    """Every model with encrypted fields inherits this. ``row_key`` is random, set when the object is made
    (before the first save, when there is no database id yet) and part of the associated data of each of the
    row's encrypted values: a ciphertext copied to another row does not decrypt there."""

    row_key = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        help_text="Random, made with the row; binds the row's encrypted values to it. Not identifying.",
    )

    class Meta:
        abstract = True


def row_context(field_context: str, row_key: Any) -> str:
    """The associated data of one field of one row."""
    key = row_key if isinstance(row_key, uuid.UUID) else uuid.UUID(str(row_key))
    return f"{field_context}|{key.hex}"


class SealedAttribute(DeferredAttribute):
    """Opens a value read from the database on first access, with the associated data of the row it was read
    from. Assignments are stored as they are (plain values, encrypted on save)."""

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        attname = self.field.attname
        data = instance.__dict__
        if attname not in data:
            super().__get__(instance, cls)  # a deferred field: load it
        value = data[attname]
        if isinstance(value, StoredCiphertext):
            value = self.field.open(value, instance)  # type: ignore[attr-defined]
            data[attname] = value
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Free text or short identifying text, stored encrypted with AES-256-GCM and bound to its row.

    The model must inherit :class:`SealedRowModel` (a system check says so). Values are sealed in
    ``pre_save`` with the row's key, so they are written by ``save()``, ``create()`` and ``bulk_create()``;
    ``QuerySet.update()`` and ``bulk_update()`` may only empty them.
    """

    description = "Text encrypted at rest (AES-256-GCM)"
    descriptor_class = SealedAttribute

    def contribute_to_class(self, cls: type[models.Model], name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        self.encryption_context = f"{cls._meta.label_lower}.{name}"

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(
                f"{self.encryption_context} is encrypted: filter on its blind index, not with {lookup_name!r}."
            )
        return super().get_lookup(lookup_name)

    def to_plain(self, value: Any) -> str | None:
        """The Python value as text before encryption."""
        return None if value is None else str(value)

    def from_plain(self, text: str) -> Any:
        return text

    def context_for(self, instance: Any) -> str:
        return row_context(self.encryption_context, getattr(instance, ROW_KEY_FIELD))

    def open(self, token: str, instance: Any) -> Any:
        """The plain value of ``token`` as stored in ``instance``'s row."""
        return self.open_stored(token, getattr(instance, ROW_KEY_FIELD))

    def open_stored(self, token: str | None, row_key: Any) -> Any:
        """The plain value of a token read from the row whose key is ``row_key`` (for ``values_list`` reads,
        which select the row key alongside)."""
        if token is None or token == "":
            return self.from_plain("") if token == "" else None
        if token_prefix(token) != ROW_TOKEN_PREFIX:
            raise DecryptionError(
                f"{self.encryption_context} holds a value sealed before row binding: run migrate or rotate_keys."
            )
        return self.from_plain(decrypt_text(token, context=row_context(self.encryption_context, row_key)))

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        stored = model_instance.__dict__.get(self.attname)
        if isinstance(stored, StoredCiphertext):
            return SealedForRow(stored)  # read from this row and not changed
        text = self.to_plain(getattr(model_instance, self.attname))
        if text is None or text == "":
            return text
        return SealedForRow(
            encrypt_text(text, context=self.context_for(model_instance), prefix=ROW_TOKEN_PREFIX)
        )

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, SealedForRow):
            return str(value)
        if value is None or value == "":
            return value
        raise ValueError(
            f"{self.encryption_context} is encrypted for its row: set it on the object and save(); "
            "update() and bulk_update() can only empty it."
        )

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return self.from_plain(value) if value == "" else None
        return StoredCiphertext(value)

    def to_python(self, value: Any) -> Any:
        """Form and API input: plain text, whatever it looks like."""
        return value

    def value_to_string(self, obj: models.Model) -> str:
        return self.to_plain(self.value_from_object(obj)) or ""


class EncryptedDateField(EncryptedTextField):
    """A date (such as a date of birth) stored encrypted; Python sees a ``datetime.date``."""

    description = "Date encrypted at rest (AES-256-GCM)"

    def to_plain(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime.date):
            return value.isoformat()
        return datetime.date.fromisoformat(str(value)).isoformat()

    def from_plain(self, text: str) -> Any:
        return datetime.date.fromisoformat(text) if text else None

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value:
            try:
                return datetime.date.fromisoformat(value)
            except ValueError as exc:
                from django.core.exceptions import ValidationError

                raise ValidationError("Enter a real date.", code="invalid") from exc
        return value

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return forms.DateField(required=not self.blank, label=self.verbose_name, **kwargs)


NORMALISERS = {"text": normalise, "document": normalise_document, "date": lambda v: v}


class BlindIndexField(models.CharField):  # type: ignore[type-arg]
    """HMAC-SHA256 of the normalised value of ``source``, recomputed on every save.

    ``kind`` names the value family ('name', 'dob', 'document', ...); ``normaliser`` is 'text', 'document'
    or 'date'. Find rows with ``Model.objects.filter(<field>=<field>.digest_for(value))``.
    """

    def __init__(self, *args: Any, source: str = "", kind: str = "", normaliser: str = "text", **kwargs: Any):
        self.source = source
        self.kind = kind
        self.normaliser = normaliser
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(source=self.source, kind=self.kind, normaliser=self.normaliser)
        for key, default in (("max_length", 64), ("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        if kwargs.get("db_index") is True:
            kwargs.pop("db_index")
        else:
            kwargs["db_index"] = False
        return name, path, args, kwargs

    def digest_for(self, value: Any) -> str:
        if value is None or value == "":
            return ""
        text = value.isoformat() if isinstance(value, datetime.date) else str(value)
        normalised = NORMALISERS[self.normaliser](text)
        return blind_index(self.kind, normalised) if normalised else ""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        digest = self.digest_for(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, digest)
        return digest


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def blind_index_fields(model: type[models.Model]) -> list[BlindIndexField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]
