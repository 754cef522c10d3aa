from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "harbourline.cases.screening"
    label = "screening"
    verbose_name = "Screening instruments"

    def ready(self) -> None:
        from harbourline.accounts.permissions import Perm
        from harbourline.audit.actions import register_actions
        from harbourline.core.registry import NavItem, register_nav

        from ..sections import CaseSection, register_case_section
        from .actions import ScreeningAction
        from .section import section_context

        register_actions(ScreeningAction)
        register_nav(
            NavItem(
                "Screening tools", "screening:instruments", (Perm.CASE_APPROVE, Perm.CASE_VIEW_NATIONAL), 60
            )
        )
        register_case_section(
            CaseSection(
                key="screening",
                title="Screening",
                template="screening/case_section.html",
                perms=(Perm.CASE_SCREEN, Perm.CASE_VIEW_NATIONAL),
                context=section_context,
                order=30,
                share_section="screening",
            )
        )
