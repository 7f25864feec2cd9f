from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from decisions import groups, signals
        from decisions.caching import generation

        signals.connect()
        generation.connect()
        post_migrate.connect(groups.ensure_groups, sender=self, dispatch_uid="staff-groups")
