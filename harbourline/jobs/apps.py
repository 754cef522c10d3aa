from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "harbourline.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        from harbourline.audit.actions import register_actions

        from .actions import JobAction

        register_actions(JobAction)
