from typing import Any

from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

from .keys import get_keyring


@register()
def keys_are_configured(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    try:
        ring = get_keyring()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="harbourline.crypto.E001")]
    if ring.audit_key is None:
        return [
            Error(
                "No audit key: the audit trail cannot be sealed. Add one with `manage.py generate_keys --out "
                "FILE --add-audit-key`, or set HARBOURLINE_AUDIT_KEY.",
                id="harbourline.crypto.E002",
            )
        ]
    return []


@register()
def encrypted_models_bind_rows(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Every concrete model with an encrypted field inherits SealedRowModel (its values are bound to the row)."""
    from django.apps import apps

    from .fields import SealedRowModel, encrypted_fields

    return [
        Error(
            f"{model._meta.label} has encrypted fields but does not inherit "
            "harbourline.crypto.fields.SealedRowModel, so its values are not bound to their rows.",
            id="harbourline.crypto.E002",
        )
        for model in apps.get_models()
        if encrypted_fields(model) and not issubclass(model, SealedRowModel)
    ]
