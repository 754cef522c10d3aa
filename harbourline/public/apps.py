from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "harbourline.public"
    label = "public"
    verbose_name = "Public site and tip line"

    def ready(self) -> None:
        from harbourline.accounts.permissions import Perm
        from harbourline.audit.actions import register_actions
        from harbourline.core.registry import ErrorPage, NavItem, register_error_page, register_nav

        from . import home  # noqa: F401  (registers the campaign officer's home panel)
        from .actions import PublicAction
        from .errors import public_error_page

        register_actions(PublicAction)
        register_nav(NavItem("Public site", "public:manage_pages", (Perm.CAMPAIGN_MANAGE,), order=60))
        register_error_page(ErrorPage("public", public_error_page, order=50))
