from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "harbourline.cases"
    label = "cases"
    verbose_name = "Case management"

    def ready(self) -> None:
        from harbourline.accounts.permissions import Perm
        from harbourline.audit.actions import register_actions
        from harbourline.core.registry import NavItem, register_nav
        from harbourline.crypto.rotation import EXTRA_ROTATORS

        from . import demo, home, protection_home  # noqa: F401  (home panels and the demo seeder register themselves)
        from .actions import CaseAction
        from .services.care import rotate_attachment_files
        from .services.protection import ProtectionAction

        register_actions(CaseAction)
        register_actions(ProtectionAction)
        protection_home.register()
        register_nav(NavItem("Cases", "cases:list", (Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL), order=10))
        register_nav(NavItem("Register a case", "cases:create", (Perm.CASE_CREATE,), order=11))
        if rotate_attachment_files not in EXTRA_ROTATORS:
            EXTRA_ROTATORS.append(rotate_attachment_files)
