"""Dates as readers of each language write them: 12月9日 周三 19:00 on the Chinese site, Wed 9
December, 7 pm on the English one; the year only when it is another year; Shanghai time always."""

from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation

from portal.templatetags.portal_tags import reader_date, reader_time
from tests.local_time import BEIJING

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "moment, chinese, english",
    [
        (datetime(2026, 12, 9, 19, 0, tzinfo=BEIJING), "12月9日 周三 19:00", "Wed 9 December, 7 pm"),
        (datetime(2026, 12, 12, 9, 30, tzinfo=BEIJING), "12月12日 周六 09:30", "Sat 12 December, 9.30 am"),
        (datetime(2027, 1, 5, 12, 0, tzinfo=BEIJING), "2027年1月5日 周二 12:00", "Tue 5 January 2027, 12 pm"),
        # Stored in UTC, shown in Shanghai: 23:30 UTC is the next morning in China.
        (datetime(2026, 12, 8, 23, 30, tzinfo=dt_timezone.utc), "12月9日 周三 07:30", "Wed 9 December, 7.30 am"),
    ],
)
def test_reader_dates(moment, chinese, english, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime(2026, 12, 3).date())
    with translation.override("zh-hans"):
        assert reader_date(moment) == chinese
    with translation.override("en"):
        assert reader_date(moment) == english


def test_event_pages_and_cards_use_them(client):
    from events.models import EventPage

    club = EventPage.objects.get(slug="classics-recitation", locale__language_code="zh-hans")
    facts = BeautifulSoup(client.get("/events/classics-recitation/").content, "html.parser").select_one(
        ".event-facts dd"
    )
    with translation.override("zh-hans"):
        assert facts.get_text(" ", strip=True) == f"{reader_date(club.start)} – {reader_time(club.end)}"
    english = client.get("/en/events/").content.decode()
    with translation.override("en"):
        assert reader_date(club.start) in english


def test_pages_name_their_other_language_for_search_engines(client):
    soup = BeautifulSoup(client.get("/events/classics-recitation/").content, "html.parser")
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates["zh-Hans"].endswith("/events/classics-recitation/")
    assert alternates["en"].endswith("/en/events/classics-recitation/")
    assert all(url.startswith("http") for url in alternates.values())
