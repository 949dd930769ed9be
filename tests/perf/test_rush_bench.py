"""The 9:00 rush: gunicorn with production settings on PostgreSQL and a Redis of its own, loaded
with wrk over loopback at 10, 50 and 200 connections. For each page, requests/s, p95 and errors,
cached (an anonymous reader) and uncached (the same request with a session cookie, as an editor's
browser sends it, which the page cache never answers), and a static CSS file through the same server
as the ceiling. The load generator shares the machine's cores with the server: compare ratios
within one run.

    make perf  (or: .venv/bin/python -m pytest tests/perf -s -k rush)
"""

import os
import re
import shutil
import subprocess
import urllib.request

import pytest

from tests.demo_server import demo_server
from tests.own_redis import own_redis

PAGES = os.environ.get(
    "RUSH_PAGES",
    ",".join(
        [
            "/",
            "/events/",
            "/events/weekly-reading-club/",
            "/catalogue/search/?q=%E4%B8%89%E4%BD%93",
            "/catalogue/R00001/",
        ]
    ),
).split(",")
CONNECTIONS = [10, 50, 200]
SECONDS = 8
# Prints p95 in ms, requests/s, and the errors wrk counts (non-2xx and socket errors).
REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.1f %d\\n", latency:percentile(95) / 1000,
                         summary.requests / (summary.duration / 1e6), errors))
end
"""

pytestmark = pytest.mark.skipif(
    shutil.which("wrk") is None or shutil.which("redis-server") is None,
    reason="needs wrk and redis-server (apt-get install wrk redis-server)",
)


def wrk(url, connections, script, *headers):
    command = [
        "wrk",
        "--threads",
        "2",
        "--connections",
        str(connections),
        "--duration",
        f"{SECONDS}s",
        "--timeout",
        "10s",
        "--script",
        str(script),
    ]
    for header in headers:
        command += ["--header", header]
    output = subprocess.run(command + [url], capture_output=True, text=True, timeout=SECONDS + 60).stdout
    p95, rate, errors = re.search(r"RESULT (\S+) (\S+) (\S+)", output).groups()
    return float(rate), float(p95), int(errors)


def test_rush(tmp_path, empty_postgres_database):
    script = tmp_path / "report.lua"
    script.write_text(REPORT)
    workers = 2 * (os.cpu_count() or 1) + 1
    with own_redis(tmp_path) as (_redis, port):
        environment = {
            "REDIS_URL": f"redis://127.0.0.1:{port}/0",
            "PAGE_CACHE_SECONDS": "300",
            "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "1"),
        }
        with demo_server(
            tmp_path, gunicorn_workers=workers, database_url=empty_postgres_database, extra_environment=environment
        ) as base:
            home = urllib.request.urlopen(base + "/").read().decode()
            stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]+\.css)"', home).group(1)
            print(
                f"\ngunicorn {workers} workers × {environment['GUNICORN_THREADS']} threads, PostgreSQL, Redis; "
                f"wrk 2 threads, {SECONDS} s per line"
            )
            print(f"{'what':48} {'conns':>5} {'req/s':>8} {'p95 ms':>8} {'errors':>6}")
            rows = [("static " + stylesheet, stylesheet, [])]
            for page in PAGES:
                rows += [(f"cached {page}", page, []), (f"uncached {page}", page, ["Cookie: sessionid=bench"])]
            for label, path, headers in rows:
                for _ in range(3):  # fill the cache, warm the workers
                    urllib.request.urlopen(base + path).read()
                for connections in CONNECTIONS:
                    rate, p95, errors = wrk(base + path, connections, script, *headers)
                    print(f"{label[:48]:48} {connections:5d} {rate:8.1f} {p95:8.1f} {errors:6d}")
