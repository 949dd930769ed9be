"""The Wagtail API v2 router at /api/v2/. Each app registers its own endpoint here as it grows
(``catalogue/`` from catalog_search, ``branches/`` with opening hours)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
