"""Finding the page a URL names in one query rather than two per level of the tree.

Wagtail's ``Page.route`` asks the database for each level's child by slug and then again for that
child's specific page: four queries for an event (home → 活动 → the event), six for a lecture, on
every page the page cache does not hold and on every registration. The site's root page fetches
every page on the path at once and walks through them in memory exactly as ``Page.route`` and
``RoutablePageMixin.route`` would; only the page that answers is loaded as its specific type. A page
type with routing of its own (neither of those two) is handed the rest of the path, as before.

``CachedSite`` keeps the request's Site and root page in the cache, so that routing starts without
Wagtail's site lookup."""

from django.http import Http404
from django.http.request import split_domain_port
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from . import page_cache


class PathRoutingMixin:
    """For the site's root page type, which has no sub-URLs of its own: route the whole path with
    one query (see the module)."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:length]) + "/" for length in range(1, len(path_components) + 1)
        ]
        on_path = {
            page.url_path: page
            for page in Page.objects.filter(url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth)
        }
        return route_through(self, request, path_components, on_path)


def route_through(page, request, components, on_path):
    """What ``page.specific.route(request, components)`` returns, taking each child from
    ``on_path`` ({url_path: page}) instead of querying for it."""
    while True:
        page_class = page.specific_class
        routing = getattr(page_class, "route", None)
        if routing is PathRoutingMixin.route:
            pass  # the root page the walk starts from
        elif routing is RoutablePageMixin.route:
            if page.live and resolves(page_class, components):
                return page.specific.route(request, components)
        elif routing is not Page.route:
            return page.specific.route(request, components)
        if not components:
            if not page.live:
                raise Http404
            return page.specific.route(request, components)
        child = on_path.get(page.url_path + components[0] + "/")
        if child is None:
            raise Http404
        child._cached_parent_obj = page  # as Page.route does: get_parent() costs no query
        page, components = child, components[1:]


def resolves(page_class, components):
    """Whether one of a routable page type's own sub-URLs (``register/``, ``calendar/``) matches."""
    path = "/" + "".join(component + "/" for component in components)
    try:
        page_class.get_resolver().resolve(path)
    except Resolver404:
        return False
    return True


class CachedSite:
    """Middleware: the request's Site with its root page, kept in the cache per host and port.

    Before routing, Wagtail looks up the Site for the request's host (one query), then its root page
    and that page's specific type (two more), on every request the page cache does not answer. They
    change only when an editor changes a site or publishes, which is what the page cache's ``"site"``
    tag records, so while the page cache is on they are kept like the site frame
    (``page_cache.kept``; each request unpickles its own copy). Never for the admin and the API:
    an editor may be handed the root page to change, and must get it from the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # With the page cache off nothing is kept, and Wagtail looks the site up only if asked.
        if page_cache.seconds() and not request.path.startswith(page_cache.EXCLUDED_PREFIXES):
            hostname = split_domain_port(request.get_host())[0]
            key = f"site:v{SITE_VERSION}:{hostname}:{request.get_port()}"
            request._wagtail_site = page_cache.kept(key, lambda: site_with_root_page(request))
        return self.get_response(request)


# Part of the cache key: a release that changes what is kept never reads an older entry.
SITE_VERSION = 1


def site_with_root_page(request):
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific  # routing starts from the specific root page
    return site
