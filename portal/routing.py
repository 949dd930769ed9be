"""Finding the page a URL names in one query rather than two per level of the tree.

Wagtail's ``Page.route`` asks the database for each level's child by slug and then again for that
child's specific page: four queries for an event (home → 活动 → the event), six for a lecture, on
every page the page cache does not hold and on every registration. The site's root page fetches
every page on the path at once and walks through them in memory exactly as ``Page.route`` and
``RoutablePageMixin.route`` would; only the page that answers is loaded as its specific type. A page
type with routing of its own (neither of those two) is handed the rest of the path, as before.

While the page cache is on (Redis), what routing needs is kept in the cache until the site changes
(the page cache's ``"site"`` tag, which publishing, unpublishing, moving and view restrictions
stamp), so that a page or a registration the page cache cannot answer is routed with no query:
``CachedSite`` keeps the request's Site and root page, ``PathRoutingMixin`` the pages on each path
that names one, and ``KeptViewRestrictions`` the parts of the tree a password or a login guards,
which ``public`` also leaves out of the lists a page shows."""

import hashlib

from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import Resolver404
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site

from . import page_cache


class PathRoutingMixin:
    """For the site's root page type, which has no sub-URLs of its own: route the whole path with
    one query (see the module)."""

    @property
    def localized_draft(self):
        # Wagtail starts routing every request at ``site.root_page.localized``, which looks up the
        # active language's Locale each time; in the root page's own language (loaded with the
        # kept site) the answer is the page itself.
        if self.locale.language_code == get_supported_content_language_variant(get_language()):
            return self
        return super().localized_draft

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        address = "/".join(path_components)
        key = f"route:v{ROUTE_VERSION}:{self.pk}:{hashlib.sha256(address.encode()).hexdigest()}"
        on_path = page_cache.kept(
            key,
            lambda: pages_on_path(self, path_components),
            keep=lambda on_path: names_a_route(self, path_components, on_path),
        )
        return route_through(self, request, path_components, on_path)


# Part of the kept route's key: a release that changes what is kept never reads an older entry.
ROUTE_VERSION = 1


def leading(root, components, length):
    """The url_path that the path's first ``length`` components name below ``root``."""
    return root.url_path + "/".join(components[:length]) + "/"


def pages_on_path(root, components):
    """{url_path: page} of the pages below ``root`` that the path's leading components name."""
    prefixes = [leading(root, components, length) for length in range(1, len(components) + 1)]
    pages = Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth)
    if not page_cache.seconds():
        return {page.url_path: page for page in pages}
    # Kept for every request after this one (until the site changes): each page as its own type
    # (one query per type on the path) and with its locale, so that the requests that reuse it
    # query for neither (the registration POST reads the page's language).
    locales = {locale.pk: locale for locale in Locale.all_objects.all()}
    found = {}
    for page in pages.specific():
        page.locale = locales[page.locale_id]
        page.routed_for_readers = True  # KeptViewRestrictions trusts the kept list for these only
        found[page.url_path] = page
    return found


def names_a_route(root, components, on_path):
    """Whether a path is worth keeping: it names a page, or a sub-URL of one (``register/``). Paths
    that name nothing are not kept, or a scanner asking for ten thousand made-up addresses under
    /events/ would fill the cache with entries nobody reads again."""
    found = 0
    while found < len(components) and leading(root, components, found + 1) in on_path:
        found += 1
    if found == len(components):
        return True
    if found == 0:
        return False
    deepest = on_path[leading(root, components, found)].specific_class
    return deepest is not None and issubclass(deepest, RoutablePageMixin) and resolves(deepest, components[found:])


class KeptViewRestrictions:
    """For every page type of the site: Wagtail checks a page's view restrictions (a password, a
    login) before serving it, with two queries (the ancestors, then their restrictions) on every
    page the page cache cannot answer. While the page cache is on, the pages that restrictions
    can reach are kept instead (``restricted_paths``), and a page outside all of them is served
    without asking; a page inside one is checked by Wagtail's own code."""

    def get_view_restrictions(self):
        # Only for a page routing found for a reader: the admin asks too (the privacy switch), in
        # the transaction that has just changed a restriction, before the kept list is renewed.
        if getattr(self, "routed_for_readers", False) and page_cache.seconds() and not restricted(self.path):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def restricted(path):
    """Whether the page at tree ``path`` or one of its ancestors may carry a view restriction."""
    reach = kept_restricted_paths()
    return any(path[:length] in reach for length in range(Page.steplen, len(path) + 1, Page.steplen))


def public(pages):
    """``pages.public()``: without the parts of the tree behind a password or a login. Wagtail asks
    the database for them on every call (four times for the home page); while the page cache is on,
    the kept list of ``restricted`` is used instead."""
    if not page_cache.seconds():
        return pages.public()
    reach = kept_restricted_paths()
    if not reach:
        return pages
    guarded = Q()
    for path in reach:
        guarded |= Q(path__startswith=path)
    return pages.exclude(guarded)


def kept_restricted_paths():
    return page_cache.kept(f"restricted:v{ROUTE_VERSION}", restricted_paths)


def restricted_paths():
    """The tree paths of the restricted pages and of their aliases (Wagtail applies the source
    page's restrictions to an alias, and to an alias of an alias); usually none at all."""
    paths = set()
    sources = set(PageViewRestriction.objects.values_list("page_id", flat=True))
    seen = set()
    while sources - seen:
        seen |= sources
        pages = list(Page.objects.filter(Q(pk__in=sources) | Q(alias_of_id__in=sources)).values_list("pk", "path"))
        paths |= {path for _pk, path in pages}
        sources = {pk for pk, _path in pages}
    return frozenset(paths)


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
        site.root_page.routed_for_readers = True  # as the pages below it (KeptViewRestrictions)
        site.root_page.locale  # noqa: B018 -- loaded to be kept with it (PathRoutingMixin.localized_draft)
    return site
