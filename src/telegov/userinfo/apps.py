from django.apps import AppConfig


class UserinfoConfig(AppConfig):
    name = "telegov.userinfo"
    label = "userinfo"
    verbose_name = "User information"
