"""The 9:00 rush as it happens: 50 parents register for one activity (the burst of
test_registration_burst.py) while others keep reloading that activity's page, which every
registration makes stale (its seats left). gunicorn with production settings, PostgreSQL and a
Redis of the test's own; wrk reloads the page over 50 connections for the burst's duration.
Prints registrations/s beside the page's requests/s and p95; the capacity is asserted.

    .venv/bin/python -m pytest tests/perf -s -k rush_mixed
"""

import re
import shutil
import subprocess

import pytest

from tests.own_redis import own_redis
from tests.perf.test_registration_burst import ATTEMPTS, CLIENTS, burst, burst_server, report
from tests.perf.test_rush_bench import REPORT

PAGE = "/events/job-seekers-training/"
READERS = 50

pytestmark = pytest.mark.skipif(
    shutil.which("wrk") is None or shutil.which("redis-server") is None,
    reason="needs wrk and redis-server (apt-get install wrk redis-server)",
)


def test_registration_burst_while_readers_reload_the_page(tmp_path, empty_postgres_database):
    script = tmp_path / "report.lua"
    script.write_text(REPORT)
    with own_redis(tmp_path) as (_redis, port), burst_server(tmp_path, empty_postgres_database, port) as base:
        readers = subprocess.Popen(
            ["wrk", "--threads", "1", "--connections", str(READERS), "--duration", "6s", "--timeout", "10s"]
            + ["--script", str(script), base + PAGE],
            stdout=subprocess.PIPE,
            text=True,
        )
        results, elapsed = burst(base)
        output = readers.communicate(timeout=60)[0]
    p95, rate, errors = re.search(r"RESULT (\S+) (\S+) (\S+)", output).groups()
    report(f"{ATTEMPTS} registrations from {CLIENTS} clients while {READERS} readers reload {PAGE}", results, elapsed)
    print(f"  the page, over the same 6 s: {float(rate):.1f} requests/s, p95 {float(p95):.1f} ms, {errors} errors")
    assert int(errors) == 0
