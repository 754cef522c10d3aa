from typing import Any

from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

from .keys import get_keyring


@register()
def keys_are_configured(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    try:
        get_keyring()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="harbourline.crypto.E001")]
    return []
