"""What staff see on their screens, as they use them: the dashboard's week, the event list in the
order a desk works through it, buttons that would only fail, and recurring copies told apart."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from events.models import EventPage, RegistrationStatus
from events.registration import register
from tests.staff import login

pytestmark = pytest.mark.django_db


def page(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def zh(slug):
    return EventPage.objects.get(slug=slug, locale__language_code="zh-hans").specific


def test_the_dashboard_shows_the_branchs_week_with_counts(client):
    origami = zh("full-origami")  # 南湖分馆, 4 days ahead, full with a waitlist
    panel = (
        page(login(client, "nanhu-guanyuan").get(reverse("wagtailadmin_home")))
        .find(id="events-this-week-heading")
        .find_parent("section")
    )
    row = panel.find("tr", attrs={"data-event": str(origami.pk)})
    assert row is not None and row.has_attr("data-full") and "已满" in row.get_text()
    confirmed = sum(r.seats for r in origami.registrations.filter(status=RegistrationStatus.CONFIRMED))
    assert f"{confirmed} / {origami.capacity}" in row.get_text()
    dongcheng = [
        event.title for event in EventPage.objects.filter(branch__code="FG01", locale__language_code="zh-hans")
    ]
    assert not any(title in panel.get_text() for title in dongcheng)


def test_todays_event_offers_the_door(client):
    today = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0)
    club = zh("kids-science-reading")  # 南湖分馆, with registration
    EventPage.objects.filter(pk=club.pk).update(start=today, end=today + timedelta(minutes=30))
    panel = page(login(client, "nanhu-guanyuan").get(reverse("wagtailadmin_home")))
    door = panel.find("a", href=f"{reverse('events_check_in')}?event={club.pk}")
    assert door is not None and door.get_text(strip=True) == "签到"


def test_the_pending_suggestions_panel_is_for_those_who_answer_them(client):
    assert page(login(client, "zongguan-bianji").get(reverse("wagtailadmin_home"))).find(
        id="pending-suggestions-heading"
    )
    assert not page(login(client, "nanhu-guanyuan").get(reverse("wagtailadmin_home"))).find(
        id="pending-suggestions-heading"
    )


def test_the_event_list_starts_with_what_comes_next(client):
    rows = page(login(client, "admin").get(reverse("events_registration_events"))).select("tbody tr")
    listed = [EventPage.objects.get(pk=int(row.find("a")["href"].rstrip("/").rsplit("/", 1)[-1])) for row in rows]
    now = timezone.now()
    coming = [event.start for event in listed if event.end >= now]
    ended = [event.start for event in listed if event.end < now]
    assert coming and ended
    assert [event.start for event in listed] == sorted(coming) + sorted(ended, reverse=True)


def test_no_confirm_button_for_a_waitlisted_family_that_would_not_fit(client):
    origami = zh("full-origami")
    rows = page(login(client, "nanhu-guanyuan").get(reverse("events_registrations", args=[origami.pk]))).select(
        "tbody tr"
    )
    waiting = [row for row in rows if "候补" in row.get_text()]
    assert waiting and not any(row.find("button", value="confirm") for row in waiting)


def test_copies_of_a_weekly_club_are_told_apart_in_the_page_list(client):
    index = EventPage.objects.get(slug="weekly-reading-club", locale__language_code="zh-hans").get_parent()
    explorer = page(login(client, "zongguan-bianji").get(reverse("wagtailadmin_explore", args=[index.pk])))
    titles = [a.get_text(" ", strip=True) for a in explorer.select("a") if "周三夜读会" in a.get_text()]
    assert len(titles) >= 4 and len(set(titles)) == len(titles), titles


def test_the_forms_list_names_the_page_type_in_words(client):
    text = page(login(client, "zongguan-bianji").get(reverse("wagtailforms:index"))).get_text()
    assert "问卷调查" in text and "home.surveypage" not in text


def test_an_event_with_most_seats_taken_is_marked_nearly_full(client):
    club = zh("classics-recitation")  # 80 seats, 2 per reader, 8 days ahead
    EventPage.objects.filter(pk=club.pk).update(start=club.start - timedelta(days=3), end=club.end - timedelta(days=3))
    for number in range(int(club.capacity * 0.8) // 2):
        register(club, name="读者", phone=f"1390000{number:04d}", seats=2, by_staff=True)
    row = page(login(client, "admin").get(reverse("wagtailadmin_home"))).find("tr", attrs={"data-event": str(club.pk)})
    assert row.has_attr("data-nearly-full") and "接近满员" in row.get_text()
