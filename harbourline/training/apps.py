from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "harbourline.training"
    label = "training"
    verbose_name = "Training workshops"
