from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("活动与讲座")

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks register themselves on import)

        signals.connect()
