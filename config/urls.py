from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.health import healthz
from portal.qr import page_qr
from portal.sitemaps import AllLanguagesSitemap
from portal.wechat_share import share_config

from .api import api_router

handler500 = "portal.errors.server_error"

# Not translated: the admin (Chinese by default), documents, the API and the sitemap.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("healthz", healthz, name="healthz"),
    path("wechat/share-config/", share_config, name="wechat_share_config"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Chinese at the root, English under /en/. Wagtail's catch-all page route comes last.
urlpatterns += i18n_patterns(
    path("catalogue/", include("catalog_search.urls")),
    path("events/", include("events.urls")),  # /events/feed.ics; the event pages themselves are Wagtail's
    path("qr/", page_qr, name="page_qr"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
