from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


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
        post_migrate.connect(_grant_runtime_role, sender=self)


def _grant_runtime_role(using: str = "default", **kwargs: Any) -> None:
    """After migrations (run as the owner role), give the runtime role its grants on the tables they made."""
    from django.conf import settings
    from django.db import connections

    from .dbroles import apply, runtime_grants_sql

    role = getattr(settings, "HARBOURLINE_DB_RUNTIME_ROLE", "")
    if role and connections[using].vendor == "postgresql":
        apply(runtime_grants_sql(role), using=connections[using])
