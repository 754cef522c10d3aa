from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "harbourline.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from harbourline.accounts.permissions import Perm
        from harbourline.core.registry import NavItem, register_nav

        from .actions import PlatformAction, register_actions

        register_actions(PlatformAction)
        register_nav(NavItem("Audit trail", "audit:list", (Perm.AUDIT_VIEW,), order=95))
