"""The address readers are sent to: a library that sets WAGTAILADMIN_BASE_URL and runs migrate
gets links to its own domain everywhere a page, the API or a message names the site, never
http://localhost/."""

import json
import re

import pytest
from django.core.management import call_command
from wagtail.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_address(settings, monkeypatch):
    monkeypatch.setenv("WAGTAILADMIN_BASE_URL", "https://lib.example.cn")
    settings.WAGTAILADMIN_BASE_URL = "https://lib.example.cn"
    call_command("migrate", verbosity=0)  # nothing to migrate: the address is applied afterwards


def test_pages_link_to_the_public_address(public_address, client):
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "https://lib.example.cn"
    page = client.get("/events/classics-recitation/").content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)"', page).group(1)
    assert canonical == og_url == "https://lib.example.cn/events/classics-recitation/"
    assert "localhost" not in page


def test_the_api_links_to_the_public_address(public_address, client):
    answer = client.get("/api/v2/pages/", {"type": "events.EventPage", "fields": "_,html_url", "limit": 3}).json()
    urls = [item["meta"]["html_url"] for item in answer["items"]]
    assert urls and all(url.startswith("https://lib.example.cn/") for url in urls)


def test_a_readers_message_links_to_the_public_address(
    public_address, client, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/events/classics-recitation/register/",
            {"name": "张三", "phone": "13912345678", "seats": "1", "consent": "on"},
        )
    [notice] = outbox
    assert "https://lib.example.cn/events/classics-recitation/" in notice.text
    assert "localhost" not in notice.text


def test_a_port_other_than_80_or_443_is_kept(settings, monkeypatch):
    monkeypatch.setenv("WAGTAILADMIN_BASE_URL", "http://10.0.0.5:8080")
    settings.WAGTAILADMIN_BASE_URL = "http://10.0.0.5:8080"
    call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "http://10.0.0.5:8080"


def test_without_the_variable_an_address_set_in_the_admin_is_kept(settings, monkeypatch):
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.yxlib.cn", 443
    site.save()
    call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "https://www.yxlib.cn"


def test_json_ld_names_the_public_address(public_address, client):
    page = client.get("/events/classics-recitation/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert blocks
    assert all("localhost" not in block for block in blocks)
    assert any("https://lib.example.cn/" in json.dumps(json.loads(block)) for block in blocks)
