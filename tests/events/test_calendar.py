"""Calendar files: one event and the feed of upcoming events, RFC 5545 with a VTIMEZONE."""

from datetime import datetime

import icalendar
import pytest

from events.models import EventPage
from tests.local_time import BEIJING

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_one_event(client):
    calendar = parse(client.get("/events/classics-recitation/ical/"))
    timezones = calendar.walk("VTIMEZONE")
    assert [tz["TZID"] for tz in timezones] == ["Asia/Shanghai"]
    (event,) = calendar.walk("VEVENT")
    page = EventPage.objects.get(slug="classics-recitation", locale__language_code="zh-hans")
    assert event["SUMMARY"] == "经典诵读会：唐诗里的四季"
    assert event.decoded("DTSTART") == page.start.astimezone(BEIJING)
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert "云溪市图书馆（总馆）" in event["LOCATION"]
    assert str(event["URL"]).endswith("/events/classics-recitation/")


def test_translations_share_one_uid(client):
    chinese = parse(client.get("/events/classics-recitation/ical/")).walk("VEVENT")[0]
    english = parse(client.get("/en/events/classics-recitation/ical/")).walk("VEVENT")[0]
    assert chinese["UID"] == english["UID"]
    assert english["SUMMARY"] == "Recitation: the four seasons in Tang poems"


def test_cancelled_event_says_so(client):
    (event,) = parse(client.get("/events/lantern-riddles/ical/")).walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"


def test_feed_lists_upcoming_events_only(client):
    events = parse(client.get("/events/feed.ics")).walk("VEVENT")
    summaries = {str(event["SUMMARY"]) for event in events}
    assert "经典诵读会：唐诗里的四季" in summaries
    assert "视障读者有声书分享会" not in summaries  # held last week
    now = datetime.now(BEIJING)
    assert all(event.decoded("DTEND") >= now for event in events)


def test_english_feed(client):
    summaries = {str(e["SUMMARY"]) for e in parse(client.get("/en/events/feed.ics")).walk("VEVENT")}
    assert "Recitation: the four seasons in Tang poems" in summaries
