"""The same searches give the same top 5 on Elasticsearch as on the database backend. Runs only
against a live cluster (ELASTICSEARCH_URL set, which selects Elasticsearch as the default backend);
none can be installed on the development machine, so this is skipped there and in CI."""

import io
import os

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from catalog_search.search import engine as search
from catalog_search.tools.evaluation import queries

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set: no live cluster"),
]


def test_top_five_match_the_database_backend(settings, monkeypatch):
    """Every fifth query of the evaluation set, on the demo catalogue the test database holds."""
    call_command("update_index", stdout=io.StringIO())
    elasticsearch = get_search_backend()
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "database": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
    }
    call_command("update_index", "--backend", "database", stdout=io.StringIO())
    different = []
    for query in queries()[::5]:
        monkeypatch.setattr(search, "get_search_backend", lambda: elasticsearch)
        on_elasticsearch = [r.record_id for r in search.search_records(query.text)[:5]]
        monkeypatch.setattr(search, "get_search_backend", lambda: get_search_backend("database"))
        on_database = [r.record_id for r in search.search_records(query.text)[:5]]
        if on_elasticsearch != on_database:
            different.append((query.text, on_elasticsearch, on_database))
    assert not different, different[:10]
