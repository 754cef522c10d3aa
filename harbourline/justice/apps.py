from django.apps import AppConfig


class JusticeConfig(AppConfig):
    name = "harbourline.justice"
    label = "justice"
    verbose_name = "Criminal justice"

    def ready(self) -> None:
        from harbourline.accounts.permissions import Perm
        from harbourline.audit.actions import register_actions
        from harbourline.cases.sections import CaseSection, register_case_section
        from harbourline.core.registry import NavItem, register_nav

        from .actions import JusticeAction
        from .views import case_section_context

        register_actions(JusticeAction)
        register_nav(
            NavItem("Justice", "justice:workspace", (Perm.CASE_JUSTICE, Perm.CASE_VIEW_NATIONAL), 35)
        )
        # Part of the case section so the coordinator's national view can show the status; the context
        # decides (policy.can_see_justice_status / can_read_justice) and hides it from everyone else.
        register_case_section(
            CaseSection(
                key="justice",
                title="Criminal justice",
                template="justice/case_section.html",
                perms=(Perm.CASE_JUSTICE, Perm.CASE_VIEW_NATIONAL),
                context=case_section_context,
                order=60,
            )
        )
