"""The site root routes a URL with one query (portal.routing) and finds exactly what Wagtail's own
``Page.route`` finds, for every page of the demo site, their sub-URLs, drafts and paths that name
nothing."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from events.models import EventIndexPage, EventPage, LecturePage

pytestmark = pytest.mark.django_db

# What readers and crawlers append to a page's address: the sub-URLs of the site's routable pages,
# and things that are none of them.
SUFFIXES = (
    [],
    ["register"],
    ["poster"],
    ["ical"],
    ["past"],
    ["calendar"],
    ["my-registration"],
    ["no-such-page"],
    ["register", "extra"],
    ["index.php"],
)


def outcome(route, request, components):
    """What routing answered, in terms two implementations can be compared by."""
    try:
        result = route(request, components)
    except Http404:
        return "404"
    view = result.args[0].__func__.__name__ if result.args else None
    return result.page.pk, type(result.page).__name__, view, result.args[1:] if result.args else ()


def assert_routes_like_wagtail(home, paths):
    request = RequestFactory().get("/")
    for components in paths:
        ours = outcome(home.route, request, components)
        wagtails = outcome(lambda req, comps: Page.route(home, req, comps), request, components)
        assert ours == wagtails, "/".join(components)


def paths_below(home):
    relative = len(home.url_path)
    for page in home.get_descendants():
        own = [part for part in page.url_path[relative:].split("/") if part]
        for suffix in SUFFIXES:
            yield own + suffix
    yield from (["nothing"], ["nothing", "below"])


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_page_and_sub_url_of_the_demo_routes_as_wagtail_routes_it(language):
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code=language)
    paths = list(paths_below(home))
    assert len(paths) > 100
    assert_routes_like_wagtail(home, paths)


def test_drafts_and_live_pages_under_a_draft_route_as_wagtail_routes_them(zh_home):
    """An unpublished page answers 404; a live page below an unpublished section still answers
    (Wagtail's rule: only the page asked for must be live)."""
    events = EventIndexPage.objects.get(locale=zh_home.locale)
    section = events.add_child(instance=EventIndexPage(title="草稿栏目", slug="draft-section", live=False))
    event = EventPage.objects.live().filter(locale=zh_home.locale).first()
    event.copy(to=section, update_attrs={"slug": "copied-live", "title": "复制的活动"})
    assert_routes_like_wagtail(
        zh_home,
        [
            ["events", "draft-section"],
            ["events", "draft-section", "copied-live"],
            ["events", "draft-section", "copied-live", "register"],
            ["events", "draft-section", "missing"],
        ],
    )
    request = RequestFactory().get("/")
    with pytest.raises(Http404):
        zh_home.route(request, ["events", "draft-section"])
    assert zh_home.route(request, ["events", "draft-section", "copied-live"]).page.slug == "copied-live"


def test_a_sub_url_wins_over_a_child_page_of_the_same_name(client, zh_home):
    """An editor who calls an event "calendar" does not take the events calendar away from readers:
    as in Wagtail, a routable page's own sub-URLs come before its children."""
    events = EventIndexPage.objects.get(locale=zh_home.locale)
    event = EventPage.objects.live().filter(locale=zh_home.locale).first()
    event.copy(to=events, update_attrs={"slug": "calendar", "title": "叫做日历的活动"})
    assert_routes_like_wagtail(zh_home, [[events.slug, "calendar"], [events.slug, "calendar", "register"]])
    response = client.get(events.url + "calendar/")
    assert response.status_code == 200
    assert "events/event_calendar.html" in [template.name for template in response.templates]


def test_routing_costs_two_queries_however_deep_the_page(zh_home):
    """The path in one query and the page that answers as its own type in one more: a lecture four
    levels down costs what a top-level page costs (Wagtail's walk costs two per level)."""
    lecture = LecturePage.objects.live().filter(locale=zh_home.locale).first()
    components = [part for part in lecture.url_path[len(zh_home.url_path) :].split("/") if part]
    assert len(components) >= 3
    request = RequestFactory().get("/")
    for path in (components, components + ["register"], components[:1]):
        with CaptureQueriesContext(connection) as queries:
            zh_home.route(request, path)
        assert len(queries) == 2, "/".join(path)
    with CaptureQueriesContext(connection) as wagtail_queries:
        Page.route(zh_home, request, components)
    assert len(wagtail_queries) == 2 * len(components)
