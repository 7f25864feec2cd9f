from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = _("Commissioning")

    def ready(self) -> None:
        from commissioning import signals

        signals.connect()
