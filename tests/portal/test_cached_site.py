"""The request's Site and its root page kept in the cache while the page cache is on
(portal.routing.CachedSite): pages the page cache cannot answer skip Wagtail's site lookup, and
what an editor publishes or changes about the site shows on the very next page.

The readers here carry a session cookie (as an editor's browser, or a reader who signed up), so
the page cache itself never answers and every page is routed and rendered."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return " ".join(query["sql"] for query in captured.captured_queries)


def test_a_kept_site_is_not_looked_up_again(reader):
    cache.clear()
    assert "wagtailcore_site" in queries_of(reader, "/events/")
    for url in ("/events/", "/events/weekly-reading-club/", "/en/events/", "/"):
        assert "wagtailcore_site" not in queries_of(reader, url), url


def test_the_home_page_shows_what_was_just_published(reader, django_capture_on_commit_callbacks):
    reader.get("/")
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.title = "云溪市图书馆 · 新年好"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    soup = BeautifulSoup(reader.get("/").content, "html.parser")
    assert soup.title.get_text().startswith("云溪市图书馆 · 新年好")


def test_a_draft_of_the_home_page_is_not_shown(reader, django_capture_on_commit_callbacks):
    reader.get("/")
    home = Site.objects.get(is_default_site=True).root_page.specific
    published = home.title
    home.title = "草稿标题"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision()
    assert published in BeautifulSoup(reader.get("/").content, "html.parser").title.get_text()


def test_a_site_given_another_root_routes_from_it_at_once(reader, django_capture_on_commit_callbacks):
    reader.get("/events/")
    site = Site.objects.get(is_default_site=True)
    events = site.root_page.get_children().get(slug="events")
    site.root_page = events
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    # The event list is now the site's root: its events sit one level up.
    assert reader.get("/weekly-reading-club/").status_code == 200
    assert reader.get("/events/weekly-reading-club/").status_code == 404


def test_the_admin_reads_the_site_from_the_database(admin_client):
    cache.clear()
    admin_client.get("/events/")  # keeps the site for readers
    assert "wagtailcore_site" in queries_of(admin_client, "/admin/pages/")
