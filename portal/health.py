"""``/healthz`` for the load balancer and the operator: the database, the cache and the search
backend, each checked and reported in JSON. 200 while the database answers (a cache or a search
cluster that is down makes the site slower or its search poorer, not unusable); 503 when it does not,
so the balancer takes the server out. Never cached; it says nothing a visitor could misuse."""

import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from wagtail.search.backends import get_search_backend


def timed(check):
    started = time.perf_counter()
    try:
        detail = check()
    except Exception as error:  # any failure is the answer, not a 500
        return {"ok": False, "error": type(error).__name__, "ms": elapsed(started)}
    return {"ok": True, **(detail or {}), "ms": elapsed(started)}


def elapsed(started):
    return round((time.perf_counter() - started) * 1000, 1)


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def cache_round_trip():
    # A key of its own per check: concurrent checks from several workers do not see each other's.
    key, value = f"healthz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    answered = cache.get(key)
    cache.delete(key)
    if answered != value:  # django-redis reads a Redis that is down as a miss (IGNORE_EXCEPTIONS)
        raise ConnectionError("the cache did not keep a value")
    return {"backend": type(cache).__name__}


def search():
    backend = get_search_backend()
    name = type(backend).__name__
    client = getattr(backend, "es", None)
    if client is not None and not client.ping():  # Elasticsearch: the cluster must answer
        raise ConnectionError("the search cluster does not answer")
    return {"backend": name}


@never_cache
def healthz(request):
    checks = {"database": timed(database), "cache": timed(cache_round_trip), "search": timed(search)}
    healthy = checks["database"]["ok"]
    status = "ok" if all(check["ok"] for check in checks.values()) else ("degraded" if healthy else "down")
    return JsonResponse({"status": status, **checks}, status=200 if healthy else 503)
