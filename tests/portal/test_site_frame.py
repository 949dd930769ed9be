"""The header and footer every page shares (portal.site_frame), seen from outside: kept while the
page cache is on, so a page nobody cached yet (a form, a new search, an editor's view) does not
look the menu and the library's settings up again; and never older than the editor's last change.

The clients here carry a session cookie, as an editor's browser or a reader who signed up does,
so the page cache itself never answers and every page is rendered."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from portal.models import LibrarySettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def rendered(client):
    client.cookies["sessionid"] = "x" * 32  # never served from the page cache

    def get(url):
        response = client.get(url)
        assert response.status_code == 200 and "X-Page-Cache" not in response.headers, url
        return BeautifulSoup(response.content, "html.parser")

    return get


def menu(soup):
    return [a.get_text(strip=True) for a in soup.select(".main-nav a")]


def test_once_kept_the_frame_costs_no_query(client, rendered):
    for url in ("/events/", "/en/events/", "/branches/"):
        cache.clear()
        with CaptureQueriesContext(connection) as first:
            rendered(url)
        with CaptureQueriesContext(connection) as second:
            again = rendered(url)
        sql = " ".join(query["sql"] for query in second.captured_queries)
        assert "portal_librarysettings" not in sql, url
        assert len(second) <= len(first) - 4, url
        assert again.select_one(".site-name").get_text(strip=True)  # still there, from the cache
        assert menu(again) and again.select_one(".site-footer a[href$='privacy/']"), url


def test_a_page_added_to_the_menu_shows_on_the_next_page(rendered, django_capture_on_commit_callbacks):
    before = menu(rendered("/events/"))
    home = Site.objects.get(is_default_site=True).root_page
    hidden = home.get_children().live().filter(show_in_menus=False).first().specific
    assert hidden.title not in before
    hidden.show_in_menus = True
    with django_capture_on_commit_callbacks(execute=True):
        hidden.save_revision().publish()
    after = menu(rendered("/events/"))
    assert sorted(after) == sorted([*before, hidden.title])


def test_an_unpublished_menu_page_leaves_the_menu(rendered, django_capture_on_commit_callbacks):
    home = Site.objects.get(is_default_site=True).root_page
    shown = Page.objects.child_of(home).live().in_menu().last()
    assert shown.title in menu(rendered("/events/"))
    with django_capture_on_commit_callbacks(execute=True):
        shown.unpublish()
    assert shown.title not in menu(rendered("/events/"))


def test_a_menu_page_put_behind_a_password_leaves_the_menu(rendered, django_capture_on_commit_callbacks):
    home = Site.objects.get(is_default_site=True).root_page
    shown = Page.objects.child_of(home).live().in_menu().first()
    assert shown.title in menu(rendered("/events/"))
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=shown, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert shown.title not in menu(rendered("/events/"))


def test_renaming_the_library_reaches_the_header_and_the_footer(rendered, django_capture_on_commit_callbacks):
    rendered("/events/")
    library = LibrarySettings.for_site(Site.objects.get(is_default_site=True))
    library.library_name = "云溪市少年儿童图书馆"
    with django_capture_on_commit_callbacks(execute=True):
        library.save()
    page = rendered("/events/")
    assert page.select_one(".site-name").get_text(strip=True) == "云溪市少年儿童图书馆"
    assert page.select_one(".site-footer__name").get_text(strip=True) == "云溪市少年儿童图书馆"
    assert page.title.get_text().endswith("云溪市少年儿童图书馆")


def test_each_language_keeps_its_own_frame(rendered):
    chinese, english = rendered("/events/"), rendered("/en/events/")
    assert chinese.select_one(".site-footer a[href$='privacy/']")["href"] == "/privacy/"
    assert english.select_one(".site-footer a[href$='privacy/']")["href"] == "/en/privacy/"
    assert english.select_one(".site-name")["href"] == "/en/"
    assert set(menu(chinese)).isdisjoint(menu(english))
