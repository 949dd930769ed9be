"""Redis goes away in the middle of the day: pages still render and readers still register, with
the rate limits letting requests through (and saying so in the log) instead of answering 500.

The test starts a Redis of its own on a free port and kills it by its PID; the Redis of the
machine (if any) is never touched."""

import shutil

import pytest
from bs4 import BeautifulSoup

from config.settings import env
from events.models import Registration
from tests.own_redis import own_redis as redis_server

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed"),
]


@pytest.fixture
def own_redis(tmp_path):
    with redis_server(tmp_path) as server:
        yield server


def register(client, phone):
    response = client.post(
        "/events/weekly-reading-club/register/",
        {"name": "张三", "phone": phone, "seats": "1", "consent": "on"},
        REMOTE_ADDR="10.9.9.9",
    )
    marked = BeautifulSoup(response.content, "html.parser").select_one("[data-registration-status]")
    return response.status_code, marked["data-registration-status"] if marked else None


def test_the_site_and_registration_outlive_redis(client, settings, own_redis, monkeypatch, caplog):
    server, port = own_redis
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{port}/0")
    settings.CACHES = {"default": env.cache("shuxiang-test")}
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    assert register(client, "13700001001") == (200, "confirmed")  # counted in this Redis
    client.get("/")
    assert client.get("/").headers["X-Page-Cache"] == "hit"  # the page cache is in this Redis

    server.kill()
    server.wait()
    for _ in range(2):  # rendered every time, uncached
        home = client.get("/")
        assert (home.status_code, home.headers["X-Page-Cache"]) == (200, "miss")
    assert client.get("/events/weekly-reading-club/").status_code == 200
    assert register(client, "13700001002") == (200, "confirmed")
    assert register(client, "13700001002") == (200, "duplicate")  # never double-booked
    assert Registration.objects.filter(phone__in=["13700001001", "13700001002"]).count() == 2
    assert any("rate limit" in record.getMessage() for record in caplog.records)
