from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "harbourline.training"
    label = "training"
    verbose_name = "Training workshops"

    def ready(self) -> None:
        from harbourline.accounts.permissions import Perm
        from harbourline.audit.actions import register_actions
        from harbourline.core.registry import NavItem, register_nav

        from . import checks, demo, home  # noqa: F401  (registers the checks, home panels and demo seeder)
        from .actions import TrainingAction

        register_actions(TrainingAction)
        register_nav(
            NavItem("Training", "training:workshops", (Perm.TRAINING_RUN, Perm.TRAINING_MANAGE), order=70)
        )
