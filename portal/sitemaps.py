from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .routing import public


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists the tree below the site's root page only; each language's pages
    live in a tree of their own (below that root page's translations), so list them all."""

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for path in Page.objects.filter(translation_key=root.translation_key).values_list("path", flat=True):
            trees |= Q(path__startswith=path)
        return public(Page.objects.filter(trees).live()).order_by("path").defer_streamfields().specific()
