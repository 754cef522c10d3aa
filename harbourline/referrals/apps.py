from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "harbourline.referrals"
    label = "referrals"
    verbose_name = "National referral mechanism"

    def ready(self) -> None:
        from harbourline.accounts.permissions import Perm
        from harbourline.audit.actions import register_actions
        from harbourline.cases.services.sharing import SHARE_ENDED_HOOKS
        from harbourline.core.registry import NavItem, register_nav

        from .actions import ReferralAction
        from .services import on_share_ended

        register_actions(ReferralAction)
        register_nav(NavItem("Referrals", "referrals:inbox", (Perm.CASE_VIEW,), order=12))
        register_nav(
            NavItem("Services", "referrals:directory", (Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL), order=13)
        )
        register_nav(NavItem("Task force", "referrals:taskforce", (Perm.CASE_VIEW_NATIONAL,), order=14))
        if on_share_ended not in SHARE_ENDED_HOOKS:
            SHARE_ENDED_HOOKS.append(on_share_ended)
