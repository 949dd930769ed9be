"""The activity list: filters that combine in the query string, past events, the month calendar,
pagination, and bad query strings answered with a normal page."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from events.listing import PER_PAGE, date_range
from events.models import EventIndexPage, EventPage
from tests.local_time import BEIJING

pytestmark = pytest.mark.django_db


def soup_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".card__title a")]


def test_upcoming_list_is_paginated_soonest_first(client):
    first = soup_of(client, "/events/")
    second = soup_of(client, "/events/?page=2")
    shown = titles(first) + titles(second)
    assert len(titles(first)) == PER_PAGE
    assert "视障读者有声书分享会" not in shown  # last week's
    starts = [t["datetime"] for t in first.select(".card__meta time")]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    "query, present, absent",
    [
        ("category=family", ["周末绘本时光", "亲子折纸工作坊"], ["经典诵读会：唐诗里的四季"]),
        ("audience=seniors", ["老年人智能手机课：用手机借书"], ["周末绘本时光"]),
        ("branch=YSF01", ["青年求职技能培训：简历与面试"], ["周末绘本时光"]),
        ("registration=none", ["“书香云溪”摄影展"], ["周末绘本时光"]),
        ("free=1", ["周末绘本时光"], ["书法体验课：写一副春联"]),
        ("category=family&audience=children&branch=FG01", ["周末绘本时光"], ["亲子折纸工作坊"]),
    ],
)
def test_filters_combine(client, query, present, absent):
    shown = titles(soup_of(client, f"/events/?{query}"))
    for title in present:
        assert title in shown, (query, title)
    for title in absent:
        assert title not in shown, (query, title)


def test_filters_survive_pagination_and_views(client):
    soup = soup_of(client, "/events/?audience=adults")
    count = int("".join(ch for ch in soup.select_one("#event-count").get_text() if ch.isdigit()))
    assert count > 12
    assert (
        "audience=adults&amp;page=2" in str(soup.select_one(".pagination"))
        or "audience=adults&page=2" in soup.select_one(".pagination a[rel=next]")["href"]
    )
    tabs = {a.get_text(strip=True): a["href"] for a in soup.select(".tabs a")}
    assert tabs["活动日历"].endswith("calendar/?audience=adults")


def test_when_filters():
    wednesday = timezone.datetime(2026, 11, 25, 10, 0, tzinfo=BEIJING)
    assert [d.date().isoformat() for d in date_range("today", wednesday)] == ["2026-11-25", "2026-11-26"]
    assert [d.date().isoformat() for d in date_range("week", wednesday)] == ["2026-11-25", "2026-11-30"]
    assert [d.date().isoformat() for d in date_range("weekend", wednesday)] == ["2026-11-28", "2026-11-30"]
    sunday = timezone.datetime(2026, 11, 29, 10, 0, tzinfo=BEIJING)
    assert [d.date().isoformat() for d in date_range("weekend", sunday)] == ["2026-11-29", "2026-11-30"]
    assert [d.date().isoformat() for d in date_range("month", wednesday)] == ["2026-11-25", "2026-12-01"]


def test_this_week_lists_only_this_weeks_events(client):
    shown = titles(soup_of(client, "/events/?when=week"))
    starts, ends = date_range("week", timezone.now())
    expected = {
        e.title
        for e in EventPage.objects.live().filter(
            locale__language_code="zh-hans", start__lt=ends, end__gte=timezone.now()
        )
    }
    assert set(shown) == expected


@pytest.mark.parametrize(
    "query",
    [
        "category=nope",
        "audience=<script>",
        "branch=XX99",
        "when=yesterday",
        "registration=maybe",
        "page=-1",
        "page=1000000000",
        "page=abc",
        "free=%00",
    ],
)
def test_bad_query_strings_give_a_normal_page(client, query):
    soup = soup_of(client, f"/events/?{query}")
    assert soup.select(".card")
    if not query.startswith(("page", "free")):
        assert "已忽略" in soup.select_one(".form-error").get_text()
        assert "<script>" not in str(soup.select_one(".form-error"))


def test_no_match_says_so(client):
    soup = soup_of(client, "/events/?category=exhibition&audience=children")
    assert "没有符合条件的活动" in soup.get_text()


def test_past_events_newest_first(client):
    shown = titles(soup_of(client, "/events/past/"))
    ended = EventPage.objects.live().filter(locale__language_code="zh-hans", end__lt=timezone.now())
    # The latest to have ended: 读书沙龙 three days ago, or today's story time once it is over.
    assert shown[0] == ended.order_by("-start").first().title
    assert shown.index("读书沙龙：城市与记忆") < shown.index("视障读者有声书分享会")  # 3 days ago, then 6
    assert "视障读者有声书分享会" in shown and "周末绘本时光" not in shown
    assert "如何陪孩子读整本书" in shown  # lectures are events too


def test_month_calendar(client):
    today = timezone.localdate()
    soup = soup_of(client, f"/events/calendar/?month={today:%Y-%m}")
    assert soup.select_one(".month__today")
    days = soup.select(".month-day")
    assert days, "the month has activities"
    for day in days:
        assert day.select(".card"), "every listed day has events"
    # A link in the grid leads to the day's list.
    anchor = soup.select_one(".month td a")["href"]
    assert soup.select_one(anchor)


def test_month_navigation_and_bad_months(client):
    soup = soup_of(client, "/events/calendar/?month=2026-02")
    assert "2026-02" in soup.select_one("h1").get_text()
    assert soup.select_one(".month-nav a[rel=prev]")["href"].endswith("month=2026-01")
    for bad in ("2026-13", "abc", "99999-1", "-1"):
        assert soup_of(client, f"/events/calendar/?month={bad}").select_one(".month")


def test_english_list_filters_and_calendar(client):
    soup = soup_of(client, "/en/events/?category=family")
    assert "Weekend picture-book time" in titles(soup)
    assert "Family" in soup.select_one("select[name=category]").get_text()
    soup = soup_of(client, "/en/events/calendar/")
    assert [th.get_text() for th in soup.select(".month th")][0] == "Mon"


def test_multi_day_event_fills_each_day_of_the_calendar(client, zh_home):
    index = EventIndexPage.objects.get(locale=zh_home.locale)
    first = timezone.localtime().replace(day=1, hour=9, minute=0, second=0, microsecond=0)
    exhibition = EventPage(
        title="三天书展",
        slug="three-day-fair",
        summary="连续三天。",
        start=first + timedelta(days=9),
        end=first + timedelta(days=11, hours=8),
    )
    index.add_child(instance=exhibition)
    exhibition.save_revision().publish()
    soup = soup_of(client, f"/events/calendar/?month={first:%Y-%m}")
    days_with_fair = [day["id"] for day in soup.select(".month-day") if "三天书展" in day.get_text()]
    assert len(days_with_fair) == 3
