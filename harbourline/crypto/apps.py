from django.apps import AppConfig


class CryptoConfig(AppConfig):
    name = "harbourline.crypto"
    label = "crypto"
    verbose_name = "Field encryption"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the key check)
