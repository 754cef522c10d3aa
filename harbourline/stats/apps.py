from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "harbourline.stats"
    label = "stats"
    verbose_name = "National figures"

    def ready(self) -> None:
        from harbourline.accounts.permissions import Perm
        from harbourline.audit.actions import register_actions
        from harbourline.core.registry import NavItem, register_nav

        from . import figures, home  # noqa: F401  (registers the figure sections and the home panel)
        from .actions import StatsAction

        register_actions(StatsAction)
        register_nav(NavItem("Figures", "stats:dashboard", (Perm.STATS_VIEW,), order=80))
