from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogSearchConfig(AppConfig):
    name = "catalog_search"
    verbose_name = _("馆藏检索")
