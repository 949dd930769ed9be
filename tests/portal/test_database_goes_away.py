"""The database goes away under a running site and comes back: readers get "服务暂时不可用" with
status 503 and Retry-After (not a 500), and the site recovers without a restart.

A real gunicorn with production settings talks to PostgreSQL through a TCP proxy the test cuts;
PostgreSQL itself is never touched. Needs PostgreSQL on 127.0.0.1:5432."""

import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.demo_server import demo_server
from tests.own_redis import own_redis
from tests.tcp_proxy import Proxy

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="run with DATABASE_URL=postgres://…"),
]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_pages_say_503_while_the_database_is_away_and_recover(tmp_path, empty_postgres_database):
    proxy = Proxy(5432).start()
    through_proxy = empty_postgres_database.replace(":5432/", f":{proxy.port}/")
    with demo_server(tmp_path, gunicorn_workers=1, database_url=through_proxy) as base:
        assert fetch(base + "/events/")[0] == 200
        proxy.cut()
        for path in ("/events/", "/", "/catalogue/search/?q=%E4%B8%89%E4%BD%93"):
            status, headers, body = fetch(base + path)
            assert (status, headers.get("Retry-After")) == (503, "30"), path
            assert "服务暂时不可用" in body
        health = fetch(base + "/healthz")
        assert health[0] == 503 and '"database"' in health[2]
        proxy.start()
        status, _, body = fetch(base + "/events/")
        assert status == 200 and "活动" in body
    proxy.cut()


def test_with_redis_kept_pages_are_still_served_and_the_rest_says_503(tmp_path, empty_postgres_database):
    """As deployed with Redis: the page cache, the site frame and the kept site are on. Pages
    already in the cache are still served while the database is away; everything else is the 503
    page, never a 500 from a kept site or frame; and it all recovers."""
    proxy = Proxy(5432).start()
    through_proxy = empty_postgres_database.replace(":5432/", f":{proxy.port}/")
    with own_redis(tmp_path) as (_redis, port):
        environment = {"REDIS_URL": f"redis://127.0.0.1:{port}/0"}
        with demo_server(
            tmp_path, gunicorn_workers=1, database_url=through_proxy, extra_environment=environment
        ) as base:
            assert fetch(base + "/events/")[0] == 200
            assert fetch(base + "/events/")[1].get("X-Page-Cache") == "hit"
            proxy.cut()
            status, headers, _ = fetch(base + "/events/")
            assert (status, headers.get("X-Page-Cache")) == (200, "hit")
            for path in ("/branches/", "/events/weekly-reading-club/", "/catalogue/search/?q=%E7%BA%A2%E6%A5%BC"):
                status, headers, body = fetch(base + path)
                assert (status, headers.get("Retry-After")) == (503, "30"), path
                assert "服务暂时不可用" in body
            proxy.start()
            status, _, body = fetch(base + "/branches/")
            assert status == 200 and "服务网点" in body
    proxy.cut()
