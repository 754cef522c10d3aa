from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "harbourline.public"
    label = "public"
    verbose_name = "Public site and tip line"

    def ready(self) -> None:
        from harbourline.audit.actions import register_actions

        from .actions import PublicAction

        register_actions(PublicAction)

        from harbourline.accounts.permissions import Perm
        from harbourline.core.registry import NavItem, register_nav

        register_nav(NavItem("Public site", "public:manage_pages", (Perm.CAMPAIGN_MANAGE,), order=60))

        from . import home  # noqa: F401  (registers the campaign officer's home panel)
