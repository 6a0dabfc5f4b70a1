from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "telegov.obligations"
    label = "obligations"
