from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "harbourline.reference"
    label = "reference"
    verbose_name = "Reference data sets"

    def ready(self) -> None:
        from harbourline.audit.actions import register_actions

        from .actions import ReferenceAction

        register_actions(ReferenceAction)
