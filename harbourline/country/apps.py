from django.apps import AppConfig


class CountryConfig(AppConfig):
    name = "harbourline.country"
    label = "country"
    verbose_name = "Country profile"
