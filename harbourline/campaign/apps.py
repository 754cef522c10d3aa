from django.apps import AppConfig


class CampaignConfig(AppConfig):
    name = "harbourline.campaign"
    label = "campaign"
    verbose_name = "National awareness campaign"

    def ready(self) -> None:
        from harbourline.accounts.permissions import Perm
        from harbourline.audit.actions import register_actions
        from harbourline.core.registry import NavItem, register_nav

        from . import demo, home  # noqa: F401  (registers the home panel and the demo seeder)
        from .actions import CampaignAction

        register_actions(CampaignAction)
        register_nav(
            NavItem(
                "Campaign",
                "campaign:campaigns",
                (Perm.CAMPAIGN_MANAGE, Perm.STATS_VIEW, Perm.CASE_VIEW_NATIONAL),
                order=62,
            )
        )
