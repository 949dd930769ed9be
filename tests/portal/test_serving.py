"""The production server as a library runs it: gunicorn with the project's gunicorn.conf.py and
production settings, static files through WhiteNoise, and an access log that keeps what readers
typed out of it."""

import gzip
import re
import urllib.request

import pytest
from django.db import connection

from tests.demo_server import demo_server

# The server uses a SQLite file of its own whatever the suite runs on: once is enough.
pytestmark = pytest.mark.skipif(connection.vendor == "postgresql", reason="run in the SQLite pass")


def get(url, **headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        return response.status, response.headers, response.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("production")
    log = workdir / "gunicorn.log"
    with demo_server(workdir, gunicorn_workers=1, log_path=log) as base:
        yield base, log


def test_static_files_have_hashed_names_compression_and_a_year_of_cache(server):
    base, _ = server
    _, _, page = get(base + "/")
    stylesheet = re.search(rb'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page).group(1).decode()
    status, headers, body = get(base + stylesheet, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
    assert b"{" in gzip.decompress(body)
    # Leaflet's files come from the same server, not a CDN.
    assert re.search(rb"/static/leaflet/leaflet\.[0-9a-f]{12}\.js", get(base + "/branches/")[2])


def test_the_access_log_leaves_out_query_strings(server):
    base, log = server
    get(base + "/catalogue/search/?q=13812345678")
    get(base + "/events/?from=singlemessage")
    text = log.read_text()
    assert '"GET /catalogue/search/ HTTP/1.1" 200' in text
    assert "13812345678" not in text and "singlemessage" not in text
