from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("门户公共")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import page_cache_signals, site_address

        page_cache_signals.connect()
        post_migrate.connect(site_address.apply_base_url, sender=self)
