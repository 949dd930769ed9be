"""The Wagtail API v2 router at /api/v2/: Wagtail's pages, the branches (portal.api) and the
catalogue (catalog_search.api)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from catalog_search.api import CatalogueAPIViewSet
from portal.api import BranchesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("branches", BranchesAPIViewSet)
api_router.register_endpoint("catalogue", CatalogueAPIViewSet)
