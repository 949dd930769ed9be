"""Database queries per page are bounded and do not grow with the amount of content."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import ArticleIndexPage, ArticlePage

pytestmark = pytest.mark.django_db

# 19 for the page, its menus and news; one for the campaign it features; five for the coming
# activities (events, their places, categories and seats left, and the restrictions of public()),
# one for the list's link, three for the demo's shelves (new arrivals, the newest reading lists),
# and seven for pictures: the hero and the campaign banner (the image and its renditions), the
# activities' and the news' thumbnails (prefetched for the whole list).
HOME_PAGE_MAX_QUERIES = 36


def warm_up(client, url):
    """View the page once first: the renditions of its pictures are made the first time a page is
    viewed, once in a site's life; what is bounded is what every later view costs."""
    client.get(url)
    cache.clear()  # measure the uncached page


def count_queries(client, url):
    warm_up(client, url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_articles(home, count):
    news = ArticleIndexPage.objects.get(locale=home.locale)
    for number in range(count):
        article = ArticlePage(title=f"批量新闻 {number}", slug=f"bulk-{number}", body=[])
        news.add_child(instance=article)
        article.save_revision().publish()


@pytest.mark.parametrize("url", ["/", "/en/", "/news/", "/news/reading-month-opens/"])
def test_page_queries_do_not_grow_with_content(client, zh_home, url):
    before = count_queries(client, url)
    add_articles(zh_home, 25)
    after = count_queries(client, url)
    # Fewer is fine: the newest articles, added here, have no pictures to look up.
    assert after <= before, f"{url}: {before} queries with the demo, {after} with 25 more articles"


def test_home_page_query_count_is_bounded(client, django_assert_max_num_queries):
    warm_up(client, "/")
    with django_assert_max_num_queries(HOME_PAGE_MAX_QUERIES):
        assert client.get("/").status_code == 200


# With the page cache on (Redis, as deployed), for a reader it cannot answer (a session cookie):
# the frame, the route and the view restrictions are kept, and the activities' places and
# categories are already in Chinese. Left: the news list's link, the news and their thumbnails'
# renditions (2), the activities with their thumbnails and renditions (3) and seats left (1), the
# activities' link, the campaign, one more picture, the quick links, the new arrivals and the
# reading lists.
KEPT_HOME_PAGE_MAX_QUERIES = 13


def test_home_page_with_the_page_cache_on_asks_only_for_its_own_lists(client, settings, django_assert_max_num_queries):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    client.cookies["sessionid"] = "x" * 32
    for _ in range(2):  # the pictures' renditions made, the frame and the route kept
        client.get("/")
    with django_assert_max_num_queries(KEPT_HOME_PAGE_MAX_QUERIES):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "url, most",
    [
        ("/events/", 30),
        ("/events/?category=family&audience=children&when=month&free=1", 30),
        ("/events/past/", 30),
        ("/events/calendar/", 30),
        ("/events/classics-recitation/", 25),
        ("/events/yunxi-lectures/", 30),
        ("/events/weekly-reading-club/", 28),  # with two books and their copies, and its poster
        ("/events/yunxi-lectures/dream-of-red-mansions/", 28),  # speakers, slides and a book
        ("/catalogue/R00001/", 25),  # holdings, reading lists and events featuring the book
        ("/en/catalogue/R00001/", 25),
        ("/catalogue/search/?q=平凡", 25),
        ("/catalogue/search/?q=pfdsj&available=1&sort=newest", 25),
        ("/catalogue/suggest/?q=平凡", 3),
        ("/api/v2/catalogue/?search=平凡", 5),
        ("/events/classics-recitation/register/", 25),
        ("/branches/", 25),
        ("/branches/ZG/", 25),
        ("/books/", 25),
        ("/books/?audience=teens&year=2026", 25),
        ("/reading-month/", 50),
        ("/en/reading-month/", 50),
        ("/reading-month/survey/", 25),
        ("/catalogue/purchase-suggestions/", 20),
    ],
)
def test_other_page_types_have_bounded_query_counts(client, url, most):
    assert count_queries(client, url) <= most


@pytest.mark.parametrize("url", ["/events/", "/events/calendar/", "/en/events/"])
def test_event_list_queries_do_not_grow_with_events(client, url):
    from events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get(locale__language_code="zh-hans")
    template = EventPage.objects.child_of(index).filter(slug="classics-recitation").first()
    if "calendar" in url:  # the month of the copies, whatever today's date
        url += f"?month={timezone.localtime(template.start):%Y-%m}"
    before = count_queries(client, url)
    for number in range(10):
        copy = template.copy(update_attrs={"slug": f"copy-{number}", "title": f"复制活动 {number}"})
        copy.save_revision().publish()
    assert (
        "复制活动" in client.get(f"/events/calendar/?month={timezone.localtime(template.start):%Y-%m}").content.decode()
    )
    assert count_queries(client, url) == before


# A registration POST: routing to the event (portal.routing: the site, the path, the page) and its
# view restrictions (7), the registration in one transaction (7: the row lock, the seat counts with
# the duplicate check, and the insert with their savepoints) and the answer page with the site's menus
# (10). The message to the reader is written once the transaction commits, which a test's
# transaction never does.
REGISTRATION_MAX_QUERIES = 24


# With the page cache on (Redis, as deployed), the event and its view restrictions come from the
# kept route (portal.routing) and the site's frame from the cache: what is left is the transaction
# (the row lock, the seat counts with the duplicate check, the insert and, in a test, its
# savepoints) and the venue on the answer page.
KEPT_REGISTRATION_MAX_QUERIES = 8


@pytest.mark.parametrize(
    "page_cache_seconds, most",
    [(0, REGISTRATION_MAX_QUERIES), (300, KEPT_REGISTRATION_MAX_QUERIES)],
    ids=["no-redis", "page-cache-on"],
)
def test_a_registration_costs_a_bounded_number_of_queries(
    client, settings, django_assert_max_num_queries, page_cache_seconds, most
):
    """At 9:00 every registration is a POST that no cache can answer: its queries are the cost."""
    settings.PORTAL_PAGE_CACHE_SECONDS = page_cache_seconds
    client.get("/events/classics-recitation/register/")
    fields = {"name": "张三", "seats": "1", "consent": "on"}
    client.post("/events/classics-recitation/register/", {**fields, "phone": "13912345670"})
    with django_assert_max_num_queries(most):
        response = client.post("/events/classics-recitation/register/", {**fields, "phone": "13912345671"})
    assert b'data-registration-status="confirmed"' in response.content
