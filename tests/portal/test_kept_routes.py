"""The pages on a URL's path and the site's view restrictions, kept while the page cache is on
(portal.routing): a page or a registration the page cache cannot answer is routed without asking
the database, and what an editor publishes, unpublishes, renames or locks shows on the very next
request, exactly as it does with nothing kept.

The readers here carry a session cookie (as a reader who signed up, or an editor's browser), so
the page cache itself never answers and every request is routed."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from events.models import EventPage, EventStatus, LecturePage
from home.models import ArticlePage

pytestmark = pytest.mark.django_db

REGISTRATION = {"name": "王小明", "seats": "1", "consent": "on"}


@pytest.fixture(params=[300, 0], ids=["kept", "nothing-kept"])
def page_cache_seconds(request, settings):
    """Every rule below holds with the page cache on (Redis) and off (no Redis)."""
    settings.PORTAL_PAGE_CACHE_SECONDS = request.param
    return request.param


@pytest.fixture
def kept(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300


def queries_of(client, url, method="get", data=None, status=200):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    assert response.status_code == status, url
    return [query["sql"] for query in captured.captured_queries]


def routed(sql):
    """The queries that look a URL's pages up, or their view restrictions."""
    return [query for query in sql if '"url_path" IN' in query or "wagtailcore_pageviewrestriction" in query]


def an_event(language="zh-hans"):
    return (
        EventPage.objects.live()
        .exact_type(EventPage)
        .filter(locale__language_code=language, status=EventStatus.SCHEDULED)
        .order_by("path")
        .first()
    )


@pytest.mark.usefixtures("kept")
def test_a_page_routed_once_is_not_looked_up_again(reader):
    lecture = LecturePage.objects.live().filter(locale__language_code="zh-hans").first()
    for url in (an_event().url, lecture.url, an_event("en").url, an_event().url + "register/"):
        assert routed(queries_of(reader, url)), url
        again = queries_of(reader, url)
        assert not routed(again), url


@pytest.mark.usefixtures("kept")
def test_the_home_page_asks_nothing_about_passwords(reader):
    """The home page lists news, activities, a campaign and reading lists, each only the public
    ones: with the restrictions kept, neither its own check nor its lists ask the database."""
    reader.get("/")
    assert not routed(queries_of(reader, "/"))


@pytest.mark.usefixtures("kept")
def test_a_registration_is_routed_from_the_kept_pages(reader):
    url = an_event().url + "register/"
    reader.get(url)
    sql = queries_of(reader, url, "post", {**REGISTRATION, "phone": "13912340001"})
    assert not routed(sql)
    assert not [query for query in sql if "wagtailcore_locale" in query]


@pytest.mark.usefixtures("kept")
def test_made_up_addresses_are_not_kept(reader):
    """A scanner's ten thousand invented addresses must not fill the cache: each is looked up
    every time it is asked for."""
    for url in ("/events/no-such-event-17/", "/no-such-section/", "/events/calendar/extra/"):
        assert routed(queries_of(reader, url, status=404)), url
        assert routed(queries_of(reader, url, status=404)), url


def test_an_edit_shows_on_the_next_request(reader, publish, page_cache_seconds):
    event = an_event()
    reader.get(event.url)
    event.title = "周三读书会（改期）"
    publish(lambda: event.save_revision().publish())
    assert "周三读书会（改期）" in BeautifulSoup(reader.get(event.url).content, "html.parser").h1.get_text()


def test_a_renamed_page_moves_at_once(reader, publish, page_cache_seconds):
    event = an_event()
    old_url = event.url
    assert reader.get(old_url).status_code == 200
    event.slug = "renamed-event"
    publish(lambda: event.save_revision().publish())
    new_url = EventPage.objects.get(pk=event.pk).url
    assert new_url != old_url and reader.get(new_url).status_code == 200
    # Wagtail keeps the old address working: links shared in WeChat lead to the renamed page.
    moved = reader.get(old_url)
    assert moved.status_code == 301 and moved["Location"] == new_url


def test_an_unpublished_event_is_gone_at_once(reader, publish, page_cache_seconds):
    event = an_event()
    url = event.url
    assert reader.get(url + "register/").status_code == 200
    publish(event.unpublish)
    assert reader.get(url).status_code == 404
    assert reader.post(url + "register/", {**REGISTRATION, "phone": "13912340002"}).status_code == 404
    assert not event.registrations.filter(phone="13912340002").exists()


def test_a_cancelled_event_takes_no_more_registrations(reader, publish, page_cache_seconds):
    event = an_event()
    url = event.url + "register/"
    reader.get(url)
    event.status = EventStatus.CANCELLED
    publish(lambda: event.save_revision().publish())
    response = reader.post(url, {**REGISTRATION, "phone": "13912340003"})
    assert b'data-registration-status="closed"' in response.content
    assert not event.registrations.filter(phone="13912340003").exists()


def asks_for_password(response):
    return response.status_code == 200 and b'name="password"' in response.content


def test_a_section_put_behind_a_password_asks_for_it_on_every_page_below(reader, publish, page_cache_seconds):
    event = an_event()
    section = event.get_parent()
    assert not asks_for_password(reader.get(event.url))
    publish(
        lambda: PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="员工专用"
        )
    )
    assert asks_for_password(reader.get(event.url))
    assert asks_for_password(reader.post(event.url + "register/", {**REGISTRATION, "phone": "13912340004"}))
    assert not event.registrations.filter(phone="13912340004").exists()
    assert not asks_for_password(reader.get(an_event("en").url))  # the English section is not locked

    publish(lambda: PageViewRestriction.objects.filter(page=section).delete())
    assert not asks_for_password(reader.get(event.url))


def test_the_home_page_behind_a_password_asks_for_it(reader, publish, page_cache_seconds):
    """A library still preparing its site locks the whole of it, home page included."""
    home = Site.objects.get(is_default_site=True).root_page
    assert not asks_for_password(reader.get("/"))
    publish(lambda: PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.PASSWORD))
    assert asks_for_password(reader.get("/"))
    publish(lambda: PageViewRestriction.objects.filter(page=home).delete())
    assert not asks_for_password(reader.get("/"))


def test_a_locked_section_leaves_the_home_page_and_the_sitemap(reader, publish, page_cache_seconds):
    """Lists show only what a reader may open: once 活动 is behind a password, its activities are
    no longer on the home page nor in the sitemap, and come back when the password is removed."""
    event = an_event()
    section = event.get_parent()

    def listed():
        home = reader.get("/").content.decode()
        sitemap = reader.get("/sitemap.xml").content.decode()
        return f'href="{event.url}"' in home, event.full_url in sitemap

    assert listed() == (True, True)
    publish(
        lambda: PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="员工专用"
        )
    )
    assert listed() == (False, False)
    publish(lambda: PageViewRestriction.objects.filter(page=section).delete())
    assert listed() == (True, True)


def test_an_alias_of_a_locked_page_is_locked_too(reader, publish, page_cache_seconds):
    """Wagtail gives an alias its source page's restrictions, wherever the alias stands."""
    article = ArticlePage.objects.live().filter(locale__language_code="zh-hans").first()
    home = Site.objects.get(is_default_site=True).root_page
    alias = article.create_alias(parent=home, update_slug="notice-copy")
    alias_url = Page.objects.get(pk=alias.pk).url
    assert not asks_for_password(reader.get(alias_url))
    publish(
        lambda: PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    )
    assert asks_for_password(reader.get(article.url))
    assert asks_for_password(reader.get(alias_url))


def test_a_page_for_signed_in_staff_sends_readers_to_sign_in(client, publish, page_cache_seconds):
    article = ArticlePage.objects.live().filter(locale__language_code="zh-hans").first()
    assert client.get(article.url).status_code == 200
    publish(lambda: PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN))
    response = client.get(article.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_every_page_type_of_the_site_uses_the_kept_restrictions():
    """A page type without portal.routing.KeptViewRestrictions is still checked (by Wagtail), but
    costs every uncached request two queries more."""
    from wagtail.models import get_page_models

    from portal.routing import KeptViewRestrictions

    models = [model for model in get_page_models() if model is not Page]
    assert models
    assert [model.__name__ for model in models if not issubclass(model, KeptViewRestrictions)] == []


@pytest.mark.usefixtures("kept")
def test_the_admin_sees_a_restriction_before_its_transaction_ends(reader):
    """The admin's privacy switch reads a page's restrictions right after changing them, before
    the commit renews what is kept: a page it loads itself is always asked about."""
    event = an_event()
    reader.get(event.url)  # the restrictions are kept: none
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)
    assert EventPage.objects.get(pk=event.pk).get_view_restrictions().count() == 1
