from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "telegov.disclosure"
    label = "disclosure"
    verbose_name = "disclosure"
