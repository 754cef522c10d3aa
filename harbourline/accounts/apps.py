from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "harbourline.accounts"
    label = "accounts"
    verbose_name = "Agencies and users"

    def ready(self) -> None:
        from harbourline.core.registry import NavItem, register_nav

        from . import demo  # noqa: F401  (registers the demo users seeder)
        from .permissions import Perm

        register_nav(NavItem("Users", "accounts:user_list", (Perm.USER_MANAGE,), order=90))
        register_nav(NavItem("Agencies", "accounts:agency_list", (Perm.AGENCY_MANAGE,), order=91))
