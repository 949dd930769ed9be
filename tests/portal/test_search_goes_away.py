"""Elasticsearch goes away (the cluster's port is closed): every search says "检索暂不可用" with
status 503, JSON where JSON was asked for; pages that do not search, and purchase suggestions,
keep working. Needs no cluster: a port nobody listens on is the fault."""

import json

import pytest

from catalog_search.models import PurchaseSuggestion
from config.settings import env
from tests.demo_server import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_down(settings, monkeypatch):
    monkeypatch.setenv("ELASTICSEARCH_URL", f"http://127.0.0.1:{free_port()}")
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**env.search_backend(), "TIMEOUT": 2}}


@pytest.mark.parametrize("url", ["/catalogue/search/?q=三体", "/en/catalogue/search/?q=santi"])
def test_the_search_page_says_search_is_unavailable(client, cluster_down, url):
    response = client.get(url)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "检索暂不可用" in response.content.decode() or "unavailable" in response.content.decode().lower()


@pytest.mark.parametrize(
    "url", ["/catalogue/suggest/?q=三体", "/api/v2/catalogue/?search=三体", "/api/v2/pages/?search=读书"]
)
def test_searches_asked_for_json_get_json(client, cluster_down, url):
    response = client.get(url, HTTP_ACCEPT="application/json")  # as the typeahead asks
    assert response.status_code == 503
    assert json.loads(response.content)["message"]


def test_pages_that_do_not_search_still_work(client, cluster_down):
    for url in ("/", "/events/", "/catalogue/R00001/", "/api/v2/catalogue/?limit=2"):
        assert client.get(url).status_code == 200, url


def test_a_purchase_suggestion_is_still_accepted(client, cluster_down):
    response = client.post(
        "/catalogue/purchase-suggestions/",
        {"title": "一本馆里没有的书", "author": "某作者", "reason": "想读", "phone": "13800138000", "consent": "on"},
    )
    assert response.status_code == 200
    assert PurchaseSuggestion.objects.filter(title="一本馆里没有的书").exists()


def test_a_held_title_is_still_found_without_the_engine(client, cluster_down):
    response = client.post(
        "/catalogue/purchase-suggestions/",
        {"title": "平凡的世界", "author": "路遥", "reason": "想读", "phone": "13800138000", "consent": "on"},
    )
    assert response.status_code == 200 and 'data-record-id="R00001"' in response.content.decode()
