"""Recurring activities: dated occurrences in one step, from the admin."""

from datetime import date, datetime
from datetime import timezone as dt_timezone

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from events.models import EventPage
from events.recurrence import MAX_OCCURRENCES, create_occurrences, occurrence_starts
from tests.local_time import BEIJING

pytestmark = pytest.mark.django_db

WEDNESDAY_EVENING = datetime(2026, 11, 25, 19, 0, tzinfo=BEIJING)


def test_occurrences_by_count_and_until():
    weekly = occurrence_starts(WEDNESDAY_EVENING, "weekly", count=3)
    assert [d.isoformat() for d in weekly] == [
        "2026-12-02T19:00:00+08:00",
        "2026-12-09T19:00:00+08:00",
        "2026-12-16T19:00:00+08:00",
    ]
    until = occurrence_starts(WEDNESDAY_EVENING, "fortnightly", until=date(2026, 12, 23))
    assert [d.date().isoformat() for d in until] == ["2026-12-09", "2026-12-23"]
    assert len(occurrence_starts(WEDNESDAY_EVENING, "daily", until=date(2030, 1, 1))) == MAX_OCCURRENCES
    assert occurrence_starts(WEDNESDAY_EVENING, "weekly", until=date(2026, 11, 30)) == []


def test_a_utc_start_keeps_its_local_hour():
    utc = WEDNESDAY_EVENING.astimezone(dt_timezone.utc)  # as the database returns it
    assert timezone.localtime(occurrence_starts(utc, "weekly", count=1)[0]).hour == 19


def test_occurrences_are_independent_events_without_registrations():
    club = EventPage.objects.get(slug="weekly-reading-club", locale__language_code="zh-hans").specific
    from events.registration import register

    register(club, name="张三", phone="13912345678", seats=1)
    created = create_occurrences(club, occurrence_starts(club.start, "weekly", count=5))
    # The demo already made the next three weeks: only the two later dates are new.
    assert len(created) == 2
    for occurrence in created:
        assert occurrence.live and occurrence.capacity == club.capacity
        assert occurrence.end - occurrence.start == club.end - club.start
        assert not occurrence.registrations.exists()
    assert create_occurrences(club, occurrence_starts(club.start, "weekly", count=5)) == []


def test_admin_previews_then_creates(client):
    client.force_login(User.objects.get(username="admin"))
    club = EventPage.objects.get(slug="job-seekers-training", locale__language_code="zh-hans")
    url = reverse("events_occurrences", args=[club.pk])
    preview = client.post(url, {"frequency": "weekly", "count": "2"})
    assert preview.status_code == 200 and "将生成 2 场" in preview.content.decode()
    assert not EventPage.objects.filter(slug__startswith="job-seekers-training-").exists()
    client.post(url, {"frequency": "weekly", "count": "2", "confirm": "1"})
    assert EventPage.objects.filter(slug__startswith="job-seekers-training-").count() == 2


@pytest.mark.parametrize(
    "data, message",
    [
        ({"frequency": "weekly"}, "其中一项"),
        ({"frequency": "weekly", "count": "2", "until": "2030-01-01"}, "其中一项"),
        ({"frequency": "weekly", "count": "0"}, "1"),
        ({"frequency": "weekly", "count": "500"}, "52"),
        ({"frequency": "hourly", "count": "2"}, "hourly"),
        ({"frequency": "weekly", "until": "2000-01-01"}, "没有新的场次"),
    ],
)
def test_admin_bad_input(client, data, message):
    client.force_login(User.objects.get(username="admin"))
    club = EventPage.objects.get(slug="job-seekers-training", locale__language_code="zh-hans")
    response = client.post(reverse("events_occurrences", args=[club.pk]), {**data, "confirm": "1"})
    assert response.status_code == 200 and message in response.content.decode()
    assert not EventPage.objects.filter(slug__startswith="job-seekers-training-").exists()
