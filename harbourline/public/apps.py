from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "harbourline.public"
    label = "public"
    verbose_name = "Public site and tip line"
