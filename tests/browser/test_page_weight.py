"""What a page costs a reader on a slow phone plan: HTML, CSS and JavaScript together at most
120 KB uncompressed on every page but the map (whose Leaflet is its own budget), JavaScript at most
30 KB, pictures not counted; and not one request to any host but the site itself (no CDN, no
fonts, no analytics)."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

BUDGET = 120 * 1024
SCRIPT_BUDGET = 30 * 1024
PAGES = [
    "/",
    "/en/",
    "/events/",
    "/events/calendar/",
    "/events/classics-recitation/",
    "/events/classics-recitation/register/",
    "/events/yunxi-lectures/",
    "/news/",
    "/news/reading-month-opens/",
    "/books/",
    "/books/children-summer/",
    "/reading-month/",
    "/reading-month/survey/",
    "/catalogue/search/?q=平凡",
    "/catalogue/R00001/",
    "/catalogue/purchase-suggestions/",
    "/branches/ZG/",
    "/events/my-registration/",
]


def weigh(page, url):
    """{resource type: bytes} of what the page loaded, and the hosts it asked."""
    sizes, hosts = {}, set()

    def counted(response):
        request = response.request
        if request.url.startswith("data:"):
            return
        hosts.add(urlsplit(request.url).netloc)
        try:
            size = len(response.body())
        except Exception:  # a redirect or an aborted request has no body
            return
        sizes[request.resource_type] = sizes.get(request.resource_type, 0) + size

    page.on("response", counted)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", counted)
    return sizes, hosts


@pytest.mark.parametrize("path", PAGES)
def test_pages_keep_to_the_budget_and_to_their_own_host(phone, server_url, path):
    sizes, hosts = weigh(phone, server_url + path)
    text = sizes.get("document", 0) + sizes.get("stylesheet", 0) + sizes.get("script", 0)
    print(
        f"{path}: HTML {sizes.get('document', 0)} B, CSS {sizes.get('stylesheet', 0)} B, "
        f"JS {sizes.get('script', 0)} B, images {sizes.get('image', 0)} B"
    )
    assert text <= BUDGET, f"{path}: {text} bytes of HTML, CSS and JavaScript"
    assert sizes.get("script", 0) <= SCRIPT_BUDGET, f"{path}: {sizes.get('script', 0)} bytes of JavaScript"
    assert hosts == {urlsplit(server_url).netloc}, hosts


def test_the_map_asks_no_other_host_either(phone, server_url):
    _sizes, hosts = weigh(phone, server_url + "/branches/")
    assert hosts == {urlsplit(server_url).netloc}, hosts
