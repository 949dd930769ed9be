"""What every page's header and footer show of the site: the library's settings, the home page,
the main menu, the privacy page, the WeChat QR code. They are the same on every page in one
language, so they are built once and kept in the cache until an editor changes anything on the
site (the page cache's ``"site"`` tag), instead of costing each uncached page and each
registration answer six queries.

Kept only while the page cache is on (``PORTAL_PAGE_CACHE_SECONDS``): then the cache is shared
by every worker and edits stamp the tag; without it the frame is built for each request."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Locale, Page, Site

from . import page_cache
from .models import LibrarySettings
from .routing import public

# What a link needs: a page's URL comes from its url_path (and the cached site root paths).
LINK_FIELDS = ("id", "title", "url_path", "translation_key", "locale_id", "depth", "path", "numchild")
WECHAT_QR_FILTER = "width-160"
# Part of the cache key: a release that changes what a Frame holds never reads an older one.
VERSION = 1


@dataclass(frozen=True)
class Link:
    pk: int
    title: str
    url: str


@dataclass
class Frame:
    library: LibrarySettings | None = None
    locale_id: int | None = None  # of the active language
    home: Link | None = None  # in the active language, else the default language's
    homes: dict = field(default_factory=dict)  # {language code: home page URL}
    menu: list = field(default_factory=list)  # [Link]: the home page's children shown in menus
    privacy_url: str = ""
    wechat_qr: str = ""  # the footer's <img>, or ""


def for_request(request):
    """The frame of the request's site in the active language, once per request."""
    language = get_language()
    memo = getattr(request, "_portal_frames", None)
    if memo is None:
        memo = request._portal_frames = {}
    if language not in memo:
        site = Site.find_for_request(request)
        if site is None:
            memo[language] = Frame()
        else:
            key = f"siteframe:v{VERSION}:{site.pk}:{language}"
            memo[language] = page_cache.kept(key, lambda: build(request, site, language))
        library = memo[language].library
        if library is not None:  # what Wagtail's {{ settings.portal.LibrarySettings }} then reads
            library._request = request
            setattr(request, LibrarySettings.get_cache_attr_name(), library)
    return memo[language]


def build(request, site, language):
    homes = live_translations(site.root_page)
    home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
    library = LibrarySettings.for_site(site)
    locale_id = Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()
    return Frame(
        library=library,
        locale_id=locale_id,
        home=link(home, request) if home else None,
        homes={code: page.get_url(request) for code, page in homes.items()},
        menu=[link(page, request) for page in menu_pages(home)],
        privacy_url=privacy_url(library, locale_id, request),
        wechat_qr=wechat_qr(library),
    )


def link(page, request):
    return Link(page.pk, page.title, page.get_url(request))


def live_translations(page):
    """{language code: live translation} of ``page``: the language switcher and the hreflang links
    of every page; kept, like the frame, until the site changes (publishing a translation does)."""
    return page_cache.kept(f"translations:v{VERSION}:{page.translation_key}", lambda: look_up_live_translations(page))


def look_up_live_translations(page):
    pages = (
        Page.objects.filter(translation_key=page.translation_key)
        .live()
        .select_related("locale")
        .only(*LINK_FIELDS, "locale__language_code")
    )
    return {p.locale.language_code: p for p in pages}


def menu_pages(home):
    """The home page's children marked "show in menus", in the editor's order."""
    if home is None:
        return []
    return public(home.get_children().live()).in_menu().only(*LINK_FIELDS)


def privacy_url(library, locale_id, request):
    page = library.privacy_page
    if page is None:
        return ""
    if page.locale_id != locale_id:
        page = page.get_translation_or_none(locale_id) or page
    return page.get_url(request) or ""


def wechat_qr(library):
    if library.wechat_qr is None:
        return ""
    return get_rendition_or_not_found(library.wechat_qr, WECHAT_QR_FILTER).img_tag({"alt": ""})
