from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "telegov.rules"
    label = "rules"

    def ready(self) -> None:
        # Validate the rule book at start-up: a broken rule file must stop the app, not mislead it.
        from telegov.rules import rule_book

        rule_book()
