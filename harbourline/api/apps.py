from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "harbourline.api"
    label = "api"
    verbose_name = "REST API"

    def ready(self) -> None:
        from harbourline.audit.actions import register_actions

        from . import schema  # noqa: F401  (describes token authentication in the OpenAPI document)
        from .actions import ApiAction

        register_actions(ApiAction)
