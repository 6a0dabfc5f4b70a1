from django.apps import AppConfig


class TransmissionConfig(AppConfig):
    name = "telegov.transmission"
    label = "transmission"
    verbose_name = "external transmission"
