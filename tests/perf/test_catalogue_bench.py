"""Catalogue import and search at scale, on SQLite and PostgreSQL: a synthetic catalogue
(catalog_search.tools.synthetic, 10⁵ records by default; CATALOGUE_BENCH_RECORDS=1000000 for 10⁶) is
imported with ``manage.py import_catalogue`` in a fresh database holding the demo site, so that
its holdings import too (records/s, peak memory of the import process), then 200 searches run through ``/api/v2/catalogue/?search=`` (p50/p95).

    make perf   (or .venv/bin/python -m pytest tests/perf -s -k catalogue)
"""

import json
import os
import random
import resource
import subprocess
import sys
import time

import pytest

from catalog_search.tools import synthetic

RECORDS = int(os.environ.get("CATALOGUE_BENCH_RECORDS", "100000"))
SEARCHES = 200
SEARCH_BUDGET = 120  # seconds: a slow backend reports what it managed rather than running for hours
PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SEARCH_SCRIPT = """
import json, time
from django.test import Client
queries = json.loads(open({queries!r}).read())
client = Client()
client.get("/api/v2/catalogue/", {{"search": queries[0]}})  # warm up
timings = []
budget = time.perf_counter() + {budget}
for query in queries:
    if time.perf_counter() > budget:
        break
    started = time.perf_counter()
    response = client.get("/api/v2/catalogue/", {{"search": query}}, HTTP_HOST="127.0.0.1")
    timings.append(time.perf_counter() - started)
    assert response.status_code == 200, (query, response.status_code)
timings.sort()
print(json.dumps({{"n": len(timings), "p50": timings[len(timings) // 2], "p95": timings[int(len(timings) * 0.95)]}}))
"""


QUALITY_SCRIPT = """
import json
from catalog_search.tools.evaluation import evaluate, queries
from catalog_search.search.engine import search_records
found = queries()
results, misses = evaluate(found)
tops = {q.kind + " " + q.text: [r.record_id for r in search_records(q.text)[:5]] for q in found}
json.dump({"results": results, "misses": [(q.kind, q.text, top) for q, top in misses[:15]], "tops": tops},
          open(RESULTS_PATH, "w"), ensure_ascii=False)
"""
TOP_FIVES = {}  # backend: {query: top five record ids}, to compare SQLite with PostgreSQL


def manage(database_url, *args, stdin=None):
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
    }
    environment.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
        input=stdin,
    )


def realistic_queries(path, count):
    """Whole titles, title fragments, authors and pinyin of records in the file."""
    from catalog_search.search.analysis import pinyin_forms

    rng = random.Random(11)
    rows = list(synthetic.records(2000, seed=2026))  # the first records of the benchmark file
    queries = []
    for _ in range(count):
        row = rng.choice(rows)
        kind = rng.choice(("title", "fragment", "author", "pinyin", "initials"))
        if kind == "title":
            queries.append(row["title"])
        elif kind == "fragment":
            queries.append(row["title"][:3])
        elif kind == "author":
            queries.append(row["authors"].split(" ")[0])
        else:
            full, initials = pinyin_forms(row["title"])
            queries.append(full if kind == "pinyin" else initials)
    with open(path, "w", encoding="utf-8") as stream:
        json.dump(queries, stream, ensure_ascii=False)


def run(label, database_url, csv_path, queries_path):
    manage(database_url, "migrate", "--noinput")
    # The demo site's branches, so that the synthetic holdings (demo branch codes) import too.
    manage(database_url, "load_demo")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    output = manage(database_url, "import_catalogue", str(csv_path)).stdout
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    manage(database_url, "import_catalogue", str(csv_path))  # the next month's export, unchanged
    again = time.perf_counter() - started
    figures = json.loads(
        manage(database_url, "shell", "-c", SEARCH_SCRIPT.format(queries=str(queries_path), budget=SEARCH_BUDGET))
        .stdout.strip()
        .splitlines()[-1]
    )
    print(
        f"{label:10} import {RECORDS / elapsed:7.0f} records/s ({elapsed:.0f} s), peak RSS "
        f"{max(peak, before) / 1024:.0f} MB | API search ({figures['n']} queries) p50 {figures['p50'] * 1000:.1f} ms "
        f"p95 {figures['p95'] * 1000:.1f} ms"
    )
    print("           " + next(line for line in output.splitlines() if line.startswith("新增")))
    print(f"           the same file again (every record unchanged): {RECORDS / again:.0f} records/s")
    quality(label, database_url, queries_path.with_name(f"quality-{label}.json"))


def quality(label, database_url, path):
    """The evaluation set (the demo's real books are in the database beside the synthetic records)."""
    manage(database_url, "shell", "-c", QUALITY_SCRIPT.replace("RESULTS_PATH", repr(str(path))))
    found = json.loads(path.read_text(encoding="utf-8"))
    print(
        f"           quality among {RECORDS} records: "
        + ", ".join(f"{kind} {recall:.3f}" for kind, (_n, recall, _mrr) in sorted(found["results"].items()))
    )
    for kind, text, top in found["misses"]:
        print(f"             missed {kind} {text!r}: {top}")
    TOP_FIVES[label] = found["tops"]
    if len(TOP_FIVES) == 2:
        first, second = TOP_FIVES.values()
        differing = [query for query in first if first[query] != second.get(query)]
        print(
            f"           top-5 lists identical on both backends for {len(first) - len(differing)} of {len(first)} "
            f"queries" + (f"; differing: {differing[:10]}" if differing else "")
        )


@pytest.fixture(scope="module")
def catalogue_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("catalogue")
    path = folder / "catalogue.csv"
    with open(path, "w", encoding="utf-8", newline="") as stream:
        synthetic.write_csv(stream, synthetic.records(RECORDS, seed=2026))
    queries = folder / "queries.json"
    realistic_queries(queries, SEARCHES)
    return path, queries


def test_catalogue_sqlite(catalogue_file, tmp_path):
    print(f"\n{RECORDS} synthetic records, {SEARCHES} searches")
    run("SQLite", f"sqlite:///{tmp_path / 'bench.sqlite3'}", *catalogue_file)


def test_catalogue_postgres(catalogue_file, empty_postgres_database):
    print()
    run("PostgreSQL", empty_postgres_database, *catalogue_file)
