"""Search quality of the whole evaluation set (catalog_search.tools.evaluation): recall@5 and MRR by query
kind, on the demo catalogue (156 real books among 600 records) and the test database's backend.

    make perf   (or .venv/bin/python -m pytest tests/perf -s -k quality)
"""

import time

import pytest

from catalog_search.tools.evaluation import evaluate, queries, target

pytestmark = pytest.mark.django_db


def test_search_quality():
    found = queries()
    started = time.perf_counter()
    results, misses = evaluate(found)
    elapsed = time.perf_counter() - started
    print(f"\n{len(found)} queries, {elapsed / len(found) * 1000:.1f} ms per query")
    print(f"{'kind':18} {'queries':>7} {'recall@5':>9} {'MRR':>6} {'target':>7}")
    for kind, (count, recall, mrr) in results.items():
        print(f"{kind:18} {count:7} {recall:9.3f} {mrr:6.3f} {target(kind):7.2f}")
    for query, top in misses[:20]:
        print(f"  missed {query.kind} {query.text!r}: top 5 {top}")
