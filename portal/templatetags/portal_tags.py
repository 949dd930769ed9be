from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

register = template.Library()


def _site_homes(request):
    """{language code: live home page} for the request's site, looked up once per request
    (the header, the language switcher and error pages all need it)."""
    if not hasattr(request, "_portal_site_homes"):
        site = Site.find_for_request(request)
        request._portal_site_homes = _live_translations(site.root_page) if site else {}
    return request._portal_site_homes


def _live_translations(page):
    pages = Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
    return {p.locale.language_code: p for p in pages}


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page of the current site in the active language (or the default language's)."""
    request = context.get("request")
    if request is None:
        return None
    homes = _site_homes(request)
    return homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)


@register.simple_tag
def main_menu(home):
    """The home page's children marked "show in menus", in the editor's order."""
    if home is None:
        return []
    return home.get_children().live().public().in_menu()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in every other language: the page's translation where one is live,
    otherwise that language's home page; for views that are not pages, the same URL in that
    language. A language with neither is left out rather than linked to a 404."""
    request = context.get("request")
    page = context.get("page")
    links = []
    if request is None:
        return {"links": links}
    others = [(code, name) for code, name in settings.LANGUAGES if code != get_language()]
    if isinstance(page, Page):
        translations = _live_translations(page)
        homes = _site_homes(request)
        for code, name in others:
            target = translations.get(code) or homes.get(code)
            if target is not None:
                links.append({"code": code, "name": name, "url": target.get_url(request)})
    else:
        for code, name in others:
            links.append({"code": code, "name": name, "url": translate_url(request.get_full_path(), code)})
    return {"links": links}
