"""Headers every page carries for the browser's sake."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/events/", "/admin/login/"])
def test_pages_may_ask_for_position_and_camera_only_for_themselves(client, url):
    """The branch map's 离我最近 asks for the position and the door's scanner for the camera; no
    frame embedded in a page may ask for either, and nothing asks for the rest."""
    policy = client.get(url).headers["Permissions-Policy"]
    assert "geolocation=(self)" in policy and "camera=(self)" in policy
    assert "microphone=()" in policy and "payment=()" in policy


def directives(response):
    return {part.split()[0]: part.split()[1:] for part in response.headers["Content-Security-Policy"].split("; ")}


@pytest.mark.parametrize(
    "url", ["/", "/events/weekly-reading-club/register/", "/branches/", "/catalogue/search/?q=三体"]
)
def test_reader_pages_run_only_the_sites_own_scripts(client, url):
    policy = directives(client.get(url))
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.mark.parametrize("url", ["/", "/events/weekly-reading-club/", "/en/branches/"])
def test_a_page_from_the_cache_carries_the_headers_a_rendered_one_does(client, settings, url):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    rendered = client.get(url)
    hit = client.get(url)
    assert rendered.headers["X-Page-Cache"] == "miss" and hit.headers["X-Page-Cache"] == "hit"
    assert directives(hit)["script-src"] == ["'self'"]
    assert [hit.headers.get(name) for name in SECURITY_HEADERS] == [
        rendered.headers.get(name) for name in SECURITY_HEADERS
    ]
    assert all(hit.headers.get(name) for name in SECURITY_HEADERS)


def test_the_admin_allows_wagtails_inline_code_and_nothing_from_elsewhere(client):
    policy = directives(client.get("/admin/login/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["connect-src"] == ["'self'"]
