from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "telegov.incidents"
    label = "incidents"
    verbose_name = "incidents"
