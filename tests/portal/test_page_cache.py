"""The page cache seen from outside: a reader's second visit costs no query, and what a reader
sees is never older than the last registration, publication or opening-hours change.

Changes reach the cache when their transaction commits; the tests run inside one transaction
that is rolled back, so each change is made through the ``publish`` fixture, which runs the commit
hooks as a real commit would."""

import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventPage, Registration
from portal import page_cache
from portal.models import Branch

pytestmark = pytest.mark.django_db
WECHAT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 MicroMessenger/8.0.47"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300


def visit(client, url, **headers):
    response = client.get(url, HTTP_USER_AGENT=WECHAT, **headers)
    return response, response.headers.get("X-Page-Cache")


def seats_text(client, url):
    response, state = visit(client, url)
    return BeautifulSoup(response.content, "html.parser").select_one(".seats").get_text(strip=True), state


def test_a_second_visit_is_served_without_the_database(client):
    for url in ("/", "/en/", "/events/", "/events/weekly-reading-club/", "/catalogue/search/?q=红楼梦"):
        first, state = visit(client, url)
        assert (first.status_code, state) == (200, "miss"), url
        with CaptureQueriesContext(connection) as queries:
            second, state = visit(client, url)
        assert (second.status_code, state, len(queries)) == (200, "hit", 0), url
        assert second.content == first.content


def test_chinese_and_english_are_kept_apart(client):
    visit(client, "/")
    english, state = visit(client, "/en/")
    assert state == "miss" and 'lang="en"' in english.content.decode()
    chinese, state = visit(client, "/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert state == "hit" and 'lang="zh-CN"' in chinese.content.decode()


def test_wechat_and_campaign_parameters_share_the_page_but_real_ones_do_not(client):
    visit(client, "/events/")
    assert visit(client, "/events/?from=singlemessage&isappinstalled=0")[1] == "hit"
    assert visit(client, "/events/?utm_source=weibo")[1] == "hit"
    assert visit(client, "/events/?audience=children")[1] == "miss"


def test_cookies_of_analytics_or_a_csrf_token_do_not_split_the_cache(client):
    visit(client, "/")
    client.cookies["Hm_lvt_0123"] = "1700000000"
    client.cookies["csrftoken"] = "x" * 32
    assert visit(client, "/")[1] == "hit"


@pytest.fixture
def register(client, publish):
    """A reader registers for the activity at ``url`` through its form; the answer page."""

    def post(url, name, phone):
        return publish(
            lambda: client.post(url + "register/", {"name": name, "phone": phone, "seats": "1", "consent": "on"})
        )

    return post


def chinese_event(slug="weekly-reading-club"):
    return EventPage.objects.get(slug=slug, locale__language_code="zh-hans")


def test_registering_shows_one_seat_fewer_on_the_cached_page(client, register):
    url = "/events/weekly-reading-club/"
    before, _ = seats_text(client, url)
    assert seats_text(client, url)[1] == "hit"
    answer = register(url, "李四", "13800138001")
    assert 'data-registration-status="confirmed"' in answer.content.decode()
    after, state = seats_text(client, url)
    assert state == "miss"
    left = int("".join(filter(str.isdigit, before)))
    assert after == before.replace(str(left), str(left - 1))
    # The English page shares the seats.
    assert str(left - 1) in seats_text(client, "/en" + url)[0]


def drawn_elsewhere(url):
    """Holds what a worker holds while it draws ``url`` again: as at 9:00, when another reader's
    request is re-rendering the page a registration just changed."""
    key = page_cache.rendering_key(page_cache.page_key(RequestFactory().get(url)))
    assert cache.add(key, 1, 60)
    return key


def test_while_a_changed_page_is_drawn_again_other_readers_get_it_as_it_was(client, register):
    """Parents reloading the activity at 9:00 do not each render it again after every
    registration: one does, the others get the page of a moment ago, with no query."""
    url = "/events/weekly-reading-club/"
    before, _ = seats_text(client, url)
    register(url, "李四", "13800138003")
    lock = drawn_elsewhere(url)
    with CaptureQueriesContext(connection) as queries:
        meanwhile, state = seats_text(client, url)
    assert (meanwhile, state, len(queries)) == (before, "stale", 0)
    cache.delete(lock)  # the other worker has finished
    after, state = seats_text(client, url)
    assert state == "miss" and after != before


def test_an_unpublished_page_is_never_served_as_it_was(client, publish):
    url = "/events/weekly-reading-club/"
    visit(client, url)
    page = chinese_event()
    publish(page.unpublish)
    assert client.get(url).status_code == 404
    drawn_elsewhere(url)
    assert client.get(url).status_code == 404


def seats_on_card(client, list_url, event_url):
    response, state = visit(client, list_url)
    link = BeautifulSoup(response.content, "html.parser").find("a", href=event_url)
    return link.find_parent("li", class_="card").get("data-seats-left"), state


def test_an_activity_that_starts_taking_registrations_shows_its_seats_on_the_list(client, register, publish):
    """The online book talk needed no registration; the library changes that the day before. The
    list page, served from the cache many times already, now shows its seats, and every
    registration for it, although the list showed no seats of it when readers first loaded it."""
    url = "/events/online-book-talk/"
    assert seats_on_card(client, "/events/", url) == (None, "miss")
    assert seats_on_card(client, "/events/", url) == (None, "hit")
    page = chinese_event("online-book-talk")
    page.registration_required, page.capacity = True, 50
    publish(lambda: page.save_revision().publish())
    # A page drawn within CLOCK_MARGIN of a change counts as drawn before it; this one is not.
    time.sleep(page_cache.CLOCK_MARGIN + 0.1)
    assert seats_on_card(client, "/events/", url) == ("50", "miss")
    register(url, "赵六", "13800138004")
    assert seats_on_card(client, "/events/", url) == ("49", "miss")


def test_a_cancellation_by_staff_frees_the_seat_on_the_cached_page(client, register, publish):
    from events.registration import cancel

    url = "/events/weekly-reading-club/"
    register(url, "王五", "13800138002")
    before, _ = seats_text(client, url)
    publish(lambda: cancel(Registration.objects.get(phone="13800138002")))
    after, state = seats_text(client, url)
    assert state == "miss" and after != before


def test_publishing_an_edit_shows_it(client, publish):
    url = "/events/weekly-reading-club/"
    visit(client, url)
    page = chinese_event()
    page.title = "周三夜读会（改在三楼）"
    publish(lambda: page.save_revision().publish())
    response, state = visit(client, url)
    assert state == "miss" and "周三夜读会（改在三楼）" in response.content.decode()


def test_a_draft_changes_nothing_readers_see(client, publish):
    url = "/events/weekly-reading-club/"
    visit(client, url)
    page = chinese_event()
    page.title = "草稿标题"
    publish(page.save_revision)
    response, state = visit(client, url)
    assert state == "hit" and "草稿标题" not in response.content.decode()


def test_changed_opening_hours_show_on_the_map_page(client, publish):
    map_url = "/branches/"
    visit(client, map_url)
    branch = Branch.objects.get(code="FG02", locale__language_code="zh-hans")
    branch.name = "南湖分馆（新馆）"
    publish(branch.save)
    response, state = visit(client, map_url)
    assert state == "miss" and "南湖分馆（新馆）" in response.content.decode()


def test_a_page_is_not_kept_past_its_registration_deadline(client):
    page = chinese_event()
    EventPage.objects.filter(pk=page.pk).update(registration_closes=timezone.now() + timedelta(seconds=2))
    url = "/events/weekly-reading-club/"
    assert seats_text(client, url)[1] == "miss"
    time.sleep(2.2)  # until the deadline has passed: the page now says so, from the database
    response, state = visit(client, url)
    assert state == "miss" and "报名未开放或已截止" in response.content.decode()


def test_the_branch_status_lives_only_until_it_changes(client):
    from portal import page_cache

    notes = page_cache.Notes()
    token = page_cache._notes.set(notes)
    try:
        branch = Branch.objects.with_hours().get(code="FG02", locale__language_code="zh-hans")
        status = branch.current_status
    finally:
        page_cache._notes.reset(token)
    assert notes.until <= page_cache.next_midnight().timestamp()
    if status.next_change is not None:
        assert notes.until <= status.next_change.timestamp()


def test_editors_never_get_or_leave_cached_pages(client):
    visit(client, "/")
    client.force_login(User.objects.get(username="admin"))
    response, state = visit(client, "/")
    assert state is None  # not even looked up: an editor's session cookie bypasses the cache
    client.logout()
    client.cookies.clear()
    assert visit(client, "/")[1] == "hit"


def test_forms_and_personal_answers_are_never_cached(client):
    form, state = visit(client, "/events/weekly-reading-club/register/")
    assert state == "skip" and "csrftoken" in form.cookies
    lookup = client.post("/events/my-registration/", {"code": "ABCDEFGH", "phone": "13800138000"})
    assert "X-Page-Cache" not in lookup.headers or lookup.headers["X-Page-Cache"] == "skip"
    assert visit(client, "/healthz")[1] is None
    assert visit(client, "/api/v2/catalogue/?search=三体")[1] is None


def test_head_is_served_from_the_cached_get(client):
    visit(client, "/events/")
    assert client.head("/events/").headers["X-Page-Cache"] == "hit"


def test_off_means_off(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    visit(client, "/")
    assert visit(client, "/")[1] is None
