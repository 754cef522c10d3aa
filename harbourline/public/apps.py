from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "harbourline.public"
    label = "public"
    verbose_name = "Public site and tip line"

    def ready(self) -> None:
        from harbourline.audit.actions import register_actions

        from .actions import PublicAction

        register_actions(PublicAction)
