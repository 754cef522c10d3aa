from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "harbourline.cases.screening"
    label = "screening"
    verbose_name = "Screening instruments"
