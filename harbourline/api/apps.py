from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "harbourline.api"
    label = "api"
    verbose_name = "REST API"
