"""Pages under gunicorn (production settings, SQLite demo database, no Redis and so no page cache;
test_rush_bench.py measures the cache):
requests per second and latency percentiles; and the bytes a phone downloads for the home page.

    make perf        (or: .venv/bin/python -m pytest tests/perf -s -k pages)
"""

import os
import statistics
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.demo_server import demo_server

PATHS = [
    "/",
    "/en/",
    "/news/",
    "/news/reading-month-opens/",
    "/events/",
    "/events/calendar/",
    "/events/classics-recitation/",
    "/events/yunxi-lectures/",
    "/catalogue/search/?q=%E9%98%85%E8%AF%BB",
]
REQUESTS_PER_PATH = 300
CLIENTS = 8
WORKERS = 2 * (os.cpu_count() or 1) + 1


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        status = response.status
    return status, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def test_page_throughput_under_gunicorn(tmp_path):
    with demo_server(tmp_path, gunicorn_workers=WORKERS) as base:
        print(f"\ngunicorn, {WORKERS} workers, {CLIENTS} concurrent clients, {REQUESTS_PER_PATH} requests per page")
        print(f"{'page':45} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
        for path in PATHS:
            for _ in range(10):  # warm up every worker
                fetch(base + path)
            started = time.perf_counter()
            with ThreadPoolExecutor(CLIENTS) as pool:
                results = list(pool.map(fetch, [base + path] * REQUESTS_PER_PATH))
            elapsed = time.perf_counter() - started
            latencies = [seconds * 1000 for status, seconds in results]
            errors = sum(1 for status, _ in results if status != 200)
            print(
                f"{path:45} {REQUESTS_PER_PATH / elapsed:8.1f} {statistics.median(latencies):8.1f} "
                f"{percentile(latencies, 0.95):8.1f} {errors:7d}"
            )


@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="needs /usr/bin/chromium")
def test_home_page_bytes_on_a_phone(tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, PHONE, WECHAT_USER_AGENT

    with demo_server(tmp_path) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport=PHONE, user_agent=WECHAT_USER_AGENT)
        sizes = {}
        page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
        for path in ["/", "/en/"]:
            sizes.clear()
            page.goto(base + path, wait_until="networkidle")
            print(f"\n{path}: {len(sizes)} requests, {sum(sizes.values()) / 1024:.1f} KiB uncompressed")
            for url, size in sorted(sizes.items(), key=lambda item: -item[1]):
                print(f"  {size / 1024:7.1f} KiB  {url.removeprefix(base)}")
        browser.close()
