"""A burst of concurrent registrations at one event, through real HTTP, on gunicorn and PostgreSQL:
50 clients, 500 attempts, 100 seats and 50 waitlist places. Prints what happened; the capacity
itself is asserted (it is correctness, not speed).

    DATABASE_URL is not needed: the benchmark makes (and drops) its own PostgreSQL database on
    127.0.0.1:5432.  Run: make perf  (or .venv/bin/python -m pytest tests/perf -s -k burst)
"""

import contextlib
import os
import re
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest

from tests.demo_server import demo_server
from tests.own_redis import own_redis

CLIENTS = 50
ATTEMPTS = 500
EVENT = "/events/job-seekers-training/register/"
SETUP = (
    "from events.models import EventPage; "
    "EventPage.objects.filter(slug='job-seekers-training').update(capacity=100, waitlist_size=50, max_seats_per_person=1)"
)
# The benchmark's 50 clients share one address: limits high enough never to refuse, but counted in
# the cache (a limit of 0 is not counted at all), so that Redis is on every registration's path.
NO_LIMITS = {"RATE_LIMIT_REGISTER_PER_IP": "100000", "RATE_LIMIT_REGISTER_PER_PHONE": "100000"}
STATUS = re.compile(rb'data-registration-status="(\w+)"')


def client_session(base):
    """A reader's browser: its own CSRF cookie and token, from a real GET of the form. (Production
    settings mark the cookie Secure; over this benchmark's plain HTTP it is sent back by hand.)"""
    with urllib.request.urlopen(base + EVENT, timeout=30) as response:
        page = response.read().decode()
        cookie = response.headers["Set-Cookie"].split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return cookie, token


def burst(base, halfway=None):
    """500 registrations from 50 clients at once; ``halfway()`` is called once half are answered.
    Returns (Counter of outcomes, seconds)."""
    sessions = [client_session(base) for _ in range(CLIENTS)]
    results = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(CLIENTS)

    def client(number):
        cookie, token = sessions[number]
        barrier.wait()
        for attempt in range(ATTEMPTS // CLIENTS):
            phone = f"139{number:04d}{attempt:04d}"
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "name": f"读者{number}-{attempt}",
                    "phone": phone,
                    "seats": "1",
                    "consent": "on",
                }
            ).encode()
            request = urllib.request.Request(base + EVENT, data=body, headers={"Cookie": cookie})
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    found = STATUS.search(response.read())
                    outcome = found.group(1).decode() if found else f"http-{response.status}"
            except urllib.error.HTTPError as error:
                outcome = f"http-{error.code}"
            except OSError as error:
                outcome = f"error-{type(error).__name__}"
            with lock:
                results[outcome] += 1
                if halfway and sum(results.values()) == ATTEMPTS // 2:
                    halfway()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def report(title, results, elapsed):
    answered = sum(results.values())
    print(f"\n{title}")
    for outcome, count in sorted(results.items()):
        print(f"  {outcome:12} {count}")
    print(f"  answered {answered} of {ATTEMPTS} in {elapsed:.2f} s: {answered / elapsed:.1f} registrations/s")
    assert answered == ATTEMPTS
    assert results["confirmed"] == 100 and results["waitlisted"] == 50
    assert not [outcome for outcome in results if outcome.startswith(("http-5", "error"))]


WORKERS = 2 * (os.cpu_count() or 1) + 1


@contextlib.contextmanager
def burst_server(tmp_path, database_url, redis_port=None):
    """gunicorn with production settings on ``database_url``, the burst's activity set up, with
    the Redis at ``redis_port`` (or none). Yields the server's address."""
    environment = dict(NO_LIMITS)
    if redis_port:
        environment["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    with demo_server(
        tmp_path,
        gunicorn_workers=WORKERS,
        database_url=database_url,
        extra_environment=environment,
        setup_code=SETUP,
    ) as base:
        yield base


@pytest.mark.parametrize("with_redis", [True, False], ids=["redis", "no-redis"])
def test_registration_burst(tmp_path, empty_postgres_database, with_redis):
    """As deployed (README: the rate limits, the page cache and the site frame in Redis), and on
    a server with no Redis, where each worker keeps its own counts and nothing is kept."""
    if with_redis and shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    with contextlib.ExitStack() as stack:
        port = stack.enter_context(own_redis(tmp_path))[1] if with_redis else None
        base = stack.enter_context(burst_server(tmp_path, empty_postgres_database, port))
        results, elapsed = burst(base)
    where = "PostgreSQL and Redis" if with_redis else "PostgreSQL, no Redis"
    report(f"{ATTEMPTS} registrations from {CLIENTS} clients, gunicorn {WORKERS} workers, {where}", results, elapsed)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_registration_burst_with_redis_killed_halfway(tmp_path, empty_postgres_database):
    """The same burst with the rate limits and the page cache in a Redis that is killed when half
    the registrations are answered: still exactly 100 confirmed and 50 waitlisted, no 5xx."""
    with own_redis(tmp_path) as (redis, port), burst_server(tmp_path, empty_postgres_database, port) as base:
        results, elapsed = burst(base, halfway=redis.kill)
    report(
        f"{ATTEMPTS} registrations, Redis killed after {ATTEMPTS // 2}, gunicorn {WORKERS} workers, PostgreSQL",
        results,
        elapsed,
    )
