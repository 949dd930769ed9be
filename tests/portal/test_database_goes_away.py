"""The database goes away under a running site and comes back: readers get "服务暂时不可用" with
status 503 and Retry-After (not a 500), and the site recovers without a restart.

A real gunicorn with production settings talks to PostgreSQL through a TCP proxy the test cuts;
PostgreSQL itself is never touched. Needs PostgreSQL on 127.0.0.1:5432."""

import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.demo_server import demo_server
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
