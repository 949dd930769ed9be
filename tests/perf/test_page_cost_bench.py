"""What one uncached page and one registration cost the server, in CPU milliseconds and queries,
measured in-process (no load generator sharing the cores, so the figures hold still enough to
compare two versions of the code on a busy machine; wrk's figures drift by a factor of two).
Runs on the test database: SQLite, or PostgreSQL with DATABASE_URL=postgres://….

    .venv/bin/python -m pytest tests/perf -s -k page_cost
"""

import itertools
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/events/",
    "/events/weekly-reading-club/",
    "/events/yunxi-lectures/dream-of-red-mansions/",
    "/catalogue/R00001/",
    "/branches/",
]
REQUESTS = 40
ROUNDS = 3


def cost(request):
    """(best CPU ms per request over ROUNDS rounds, queries of one request); ``request(n)`` makes
    request number n (a registration uses it for a phone number of its own)."""
    numbers = itertools.count()
    for _ in range(5):
        request(next(numbers))
    rounds = []
    for _ in range(ROUNDS):
        started = time.process_time()
        for _ in range(REQUESTS):
            request(next(numbers))
        rounds.append(1000 * (time.process_time() - started) / REQUESTS)
    with CaptureQueriesContext(connection) as queries:
        request(next(numbers))
    return min(rounds), len(queries)


def test_page_cost(settings, django_capture_on_commit_callbacks):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "register_per_ip": (0, 60)}
    # As in production with REDIS_URL: the page cache is on, so what every page shares (the site
    # frame) is kept; the session cookie below keeps the pages themselves out of it.
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    reader = Client()
    reader.cookies["sessionid"] = "x" * 32  # as an editor's browser: the page cache never answers
    print(f"\n[page cost] {connection.vendor}, best of {ROUNDS} × {REQUESTS} requests")
    for path in PAGES:
        ms, queries = cost(lambda _number, path=path: reader.get(path))
        print(f"  {path:50} {ms:6.1f} ms CPU {queries:4d} queries")

    from events.models import EventPage

    EventPage.objects.filter(slug="job-seekers-training").update(capacity=100_000, max_seats_per_person=1)

    def register(number):
        # As in production: the message to the reader is composed and sent once the transaction
        # commits, in the request (the immediate tasks backend), so it is part of the cost.
        with django_capture_on_commit_callbacks(execute=True):
            response = reader.post(
                "/events/job-seekers-training/register/",
                {"name": "读者", "phone": f"139{number:08d}", "seats": "1", "consent": "on"},
            )
        assert b'data-registration-status="confirmed"' in response.content

    ms, queries = cost(register)
    print(f"  {'registration POST and its message':50} {ms:6.1f} ms CPU {queries:4d} queries")
