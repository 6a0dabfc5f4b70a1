from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "telegov.core"
    label = "core"
