"""What a page from the cache costs Redis: at 9:00 thousands of parents reload the same few pages,
and each command to Redis is a round trip that a worker waits for. A hit is one command (the page
and the stamps of what it shows, together), on a Redis of the test's own."""

import shutil

import pytest
import redis

from config.settings import env
from tests.own_redis import own_redis

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed"),
]


@pytest.fixture
def redis_commands(tmp_path, settings, monkeypatch):
    """The site's cache in a Redis of its own; returns a function counting the commands it has
    answered so far."""
    with own_redis(tmp_path) as (_server, port):
        monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{port}/0")
        settings.CACHES = {"default": env.cache("shuxiang-test")}
        settings.PORTAL_PAGE_CACHE_SECONDS = 300
        counter = redis.Redis(port=port)
        # INFO itself counts once it has been answered, so each reading adds one.
        yield lambda: counter.info("stats")["total_commands_processed"]


@pytest.mark.parametrize("url", ["/", "/events/", "/events/weekly-reading-club/", "/en/branches/"])
def test_a_page_from_the_cache_is_one_command_to_redis(client, redis_commands, url):
    for _ in range(2):  # drawn and stored; then served, and what it shows noted
        client.get(url)
    before = redis_commands()
    for _ in range(5):
        response = client.get(url)
        assert response.headers["X-Page-Cache"] == "hit"
    assert redis_commands() - before - 1 == 5
