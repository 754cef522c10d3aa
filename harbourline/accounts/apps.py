from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "harbourline.accounts"
    label = "accounts"
    verbose_name = "Agencies and users"

    def ready(self) -> None:
        from harbourline.audit.actions import register_actions
        from harbourline.core.registry import NavItem, register_nav

        from . import demo, home  # noqa: F401  (register the demo users seeder and the home panel)
        from .actions import AccountAction
        from .permissions import Perm

        register_actions(AccountAction)

        register_nav(NavItem("Users", "accounts:user_list", (Perm.USER_MANAGE,), order=90))
        register_nav(NavItem("Agencies", "accounts:agency_list", (Perm.AGENCY_MANAGE,), order=91))
        register_nav(NavItem("Approvals", "accounts:pending_changes", (Perm.USER_MANAGE,), order=92))
