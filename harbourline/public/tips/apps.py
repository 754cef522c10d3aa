from django.apps import AppConfig


class TipsConfig(AppConfig):
    name = "harbourline.public.tips"
    label = "tips"
    verbose_name = "Tip line"

    def ready(self) -> None:
        from harbourline.accounts.permissions import Perm
        from harbourline.audit.actions import register_actions
        from harbourline.core.registry import ErrorPage, NavItem, register_error_page, register_nav

        from . import demo, home, views  # noqa: F401  (home panel and demo seeder register themselves)
        from .actions import TipAction

        register_actions(TipAction)
        register_error_page(ErrorPage("tip-form", views.tip_form_error_page, order=10))
        register_nav(NavItem("Tips", "triage:queue", (Perm.TIP_TRIAGE,), order=20))
        register_nav(
            NavItem("Tip figures", "triage:stats", (Perm.TIP_TRIAGE, Perm.CAMPAIGN_MANAGE), order=21)
        )
