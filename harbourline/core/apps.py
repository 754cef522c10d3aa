from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "harbourline.core"
    label = "core"
    verbose_name = "Harbourline core"

    def ready(self) -> None:
        from django.conf.locale import LANG_INFO

        # Saint Lucian Kwéyòl (ISO 639-3 'acf') is not among Django's built-in languages.
        LANG_INFO.setdefault(
            "acf", {"bidi": False, "code": "acf", "name": "Saint Lucian Creole", "name_local": "Kwéyòl"}
        )
        from . import home  # noqa: F401  (registers the platform's home panels)
