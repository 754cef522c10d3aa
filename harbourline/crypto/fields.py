"""Model fields that encrypt transparently, and blind-index fields that keep themselves current.

Services read and write plain Python values; the database only ever sees ``hl1:...`` tokens. Encrypted
fields accept no lookups but ``isnull``: search goes through a :class:`BlindIndexField`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import FieldError
from django.db import models

from .aead import decrypt_text, encrypt_text, is_token
from .blind import blind_index, normalise, normalise_document


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Free text or short identifying text, stored encrypted with AES-256-GCM."""

    description = "Text encrypted at rest (AES-256-GCM)"

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

    def get_prep_value(self, value: Any) -> Any:
        text = self.to_plain(value)
        if text is None or text == "":
            return text
        return encrypt_text(text, context=self.encryption_context)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return self.from_plain(decrypt_text(value, context=self.encryption_context))

    def to_python(self, value: Any) -> Any:
        if is_token(value):
            return self.from_plain(decrypt_text(value, context=self.encryption_context))
        return value


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

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if not value:
            return None
        return self.from_plain(decrypt_text(value, context=self.encryption_context))

    def to_python(self, value: Any) -> Any:
        if is_token(value):
            return self.from_plain(decrypt_text(value, context=self.encryption_context))
        if isinstance(value, str) and value:
            return datetime.date.fromisoformat(value)
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
