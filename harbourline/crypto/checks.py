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
