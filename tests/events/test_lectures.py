"""Lecture series and lectures: speakers, the archive of past lectures, both languages, JSON-LD."""

import json

import pytest
from bs4 import BeautifulSoup

from events.models import LecturePage

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_series_page_lists_coming_lectures_and_the_archive(client):
    soup = soup_of(client, "/events/yunxi-lectures/")
    coming, archive = soup.select("section")[:2]
    assert [a.get_text() for a in coming.select(".card__title a")] == ["唐诗中的城市", "科普阅读与科学精神"]
    assert [a.get_text() for a in archive.select(".card__title a")] == [
        "如何陪孩子读整本书",
        "云溪方言与地方戏",
        "《红楼梦》里的日常生活",
    ]  # latest first
    assert "林思远、周敏" in coming.get_text()
    assert archive.select_one("a[href*='live.example.cn']") and archive.select_one("a[href$='.txt']")


def test_lecture_page_has_speakers_archive_and_registration(client):
    soup = soup_of(client, "/events/yunxi-lectures/dream-of-red-mansions/")
    assert "林思远" in soup.select_one(".speakers").get_text()
    assert "云溪大学文学院教授" in soup.select_one(".speakers").get_text()
    archive = soup.select_one(".lecture-archive")
    assert "观看回放" in archive.get_text() and "讲义" in archive.get_text() and "提问踊跃" in archive.get_text()
    assert soup.select_one(".kicker a")["href"] == "/events/yunxi-lectures/"
    coming = soup_of(client, "/events/yunxi-lectures/poems-and-cities/")
    assert coming.select_one(".cta a.button")["href"].endswith("poems-and-cities/register/")
    assert not coming.select_one(".lecture-archive")


def test_registering_for_a_lecture(client):
    response = client.post(
        "/events/yunxi-lectures/poems-and-cities/register/",
        {"name": "听众", "phone": "13912340000", "seats": "2", "consent": "on"},
    )
    assert b'data-registration-status="confirmed"' in response.content
    lecture = LecturePage.objects.get(slug="poems-and-cities", locale__language_code="zh-hans")
    assert lecture.registrations.get().seats == 2


def test_english_lecture_pages(client):
    soup = soup_of(client, "/en/events/yunxi-lectures/dream-of-red-mansions/")
    assert "Everyday life in Dream of the Red Chamber" in soup.select_one("h1").get_text()
    assert "Lin Siyuan" in soup.select_one(".speakers").get_text()
    assert "Professor of Literature" in soup.select_one(".speakers").get_text()
    series = soup_of(client, "/en/events/yunxi-lectures/")
    assert "Yunxi Culture Lectures" in series.select_one("h1").get_text()


def test_event_json_ld(client):
    soup = soup_of(client, "/events/calligraphy-class/")
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "Event" and data["name"] == "书法体验课：写一副春联"
    assert data["startDate"].endswith("+08:00") or data["startDate"].endswith("+00:00")
    assert data["location"]["@type"] == "Place" and "滨江" in data["location"]["name"]
    assert data["isAccessibleForFree"] is False
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    cancelled = json.loads(
        soup_of(client, "/events/lantern-riddles/").select_one("script[type='application/ld+json']").string
    )
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    online = json.loads(
        soup_of(client, "/events/online-book-talk/").select_one("script[type='application/ld+json']").string
    )
    assert online["location"]["@type"] == "VirtualLocation"


def test_json_ld_cannot_be_broken_out_of(client, zh_home):
    from events.models import EventPage

    event = EventPage.objects.get(slug="calligraphy-class", locale=zh_home.locale)
    event.summary = "</script><script>alert(1)</script>"
    event.save_revision().publish()
    html = client.get("/events/calligraphy-class/").content.decode()
    assert "<script>alert(1)" not in html
    script = BeautifulSoup(html, "html.parser").select_one("script[type='application/ld+json']").string
    assert json.loads(script)["description"] == "</script><script>alert(1)</script>"


def test_fee_and_audiences_are_shown(client):
    soup = soup_of(client, "/events/calligraphy-class/")
    facts = soup.select_one(".event-facts").get_text()
    assert "材料费 20 元" in facts and "青少年、成人" in facts
    assert "免费" in soup_of(client, "/events/classics-recitation/").select_one(".event-facts").get_text()
