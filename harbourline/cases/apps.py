from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "harbourline.cases"
    label = "cases"
    verbose_name = "Case management"
