"""Against a live Elasticsearch cluster, only when ELASTICSEARCH_URL is set (none can run here)."""

import io
import os

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set: no live cluster"),
]


def test_settings_select_elasticsearch(settings):
    assert "elasticsearch" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]


def test_pages_are_indexed_and_found():
    call_command("update_index", stdout=io.StringIO())
    results = get_search_backend().search("reading rooms", Page.objects.live())
    assert "Two new city reading rooms open" in [page.title for page in results]
