"""统计报表 for a city library's year: 600 activities at 12 branches and 50,000 registrations
(docs/design.md: a year of a city library). Prints how long the report and its XLSX take and how many
queries they use; asserts only the figures' sums, which are correctness.

    .venv/bin/python -m pytest tests/perf -s -k statistics   (DATABASE_URL=postgres://… for PostgreSQL)
"""

import random
import time
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse

from events.models import EventCategory, EventIndexPage, EventPage, Registration, RegistrationStatus
from home import statistics
from portal.models import Branch
from tests.local_time import BEIJING

EVENTS = 600
REGISTRATIONS = 50_000
YEAR = 2024


@pytest.fixture
def a_year():
    rng = random.Random(2024)
    index = EventIndexPage.objects.get(locale__language_code="zh-hans")
    branches = list(Branch.objects.filter(locale__language_code="zh-hans"))
    categories = list(EventCategory.objects.filter(locale__language_code="zh-hans"))
    began = time.perf_counter()
    events = []
    for number in range(EVENTS):
        start = datetime(YEAR, 1, 1, 9, tzinfo=BEIJING) + timedelta(days=number * 365 // EVENTS, hours=number % 8)
        event = EventPage(
            title=f"活动{number}",
            slug=f"bench-{number}",
            summary="基准测试",
            start=start,
            end=start + timedelta(hours=2),
            branch=rng.choice(branches),
            category=rng.choice(categories),
            audiences=rng.sample(["children", "teens", "adults", "seniors", "families"], 2),
            registration_required=True,
            capacity=200,
        )
        index.add_child(instance=event)
        events.append(event)
    rows = []
    for number in range(REGISTRATIONS):
        event = events[number % EVENTS]
        attended = rng.random() < 0.8
        rows.append(
            Registration(
                event=event,
                code=f"B{number:07d}",
                name="读者",
                phone=f"13{number:09d}",
                seats=1 + number % 3,
                status=RegistrationStatus.CONFIRMED,
                consented_at=event.start,
                attended_at=event.start if attended else None,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=5000)
    print(
        f"\n[statistics] made {EVENTS} events and {REGISTRATIONS} registrations in {time.perf_counter() - began:.1f} s "
        f"on {connection.vendor}"
    )
    return sum(row.seats for row in rows)


@pytest.mark.django_db
def test_a_city_librarys_year(a_year, client):
    admin = User.objects.get(username="admin")
    start, end = datetime(YEAR, 1, 1).date(), datetime(YEAR, 12, 31).date()
    timings = []
    queries = []
    for _ in range(5):
        queries.clear()
        began = time.perf_counter()
        with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
            report = statistics.report(admin, start, end)
        timings.append(time.perf_counter() - began)
    assert report.total.events == EVENTS and report.total.registered_seats == a_year
    client.force_login(admin)
    began = time.perf_counter()
    page = client.get(reverse("home_statistics"), {"start": start, "end": end})
    page_seconds = time.perf_counter() - began
    began = time.perf_counter()
    xlsx = client.get(reverse("home_statistics"), {"start": start, "end": end, "format": "xlsx"})
    xlsx_seconds = time.perf_counter() - began
    assert page.status_code == 200 and xlsx.status_code == 200
    timings.sort()
    print(
        f"[statistics] {connection.vendor}: report median {timings[2] * 1000:.0f} ms, best {timings[0] * 1000:.0f} ms, "
        f"{len(queries)} queries; admin page {page_seconds * 1000:.0f} ms; XLSX {xlsx_seconds * 1000:.0f} ms "
        f"({len(xlsx.content)} bytes)"
    )
