"""QR codes for posters and screens: any page of the site can show a code of its own address (and
only of this site's addresses), and an activity prints as an A4 poster with its date, place and a
code to sign up."""

import pytest
import segno
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Site

from events.models import EventPage
from portal.templatetags.portal_tags import reader_date

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def expected_code(path, scale):
    """The code of ``path`` at the site's public address (not the address the request came by)."""
    url = Site.objects.get(is_default_site=True).root_url + path
    return segno.make(url, error="m").png_data_uri(scale=scale, border=2)


def test_a_page_shows_a_code_of_its_own_address(client):
    page = soup_of(client.get("/qr/", {"path": "/events/classics-recitation/"}))
    image = page.select_one("img.page-qr__code")
    assert image["src"] == expected_code("/events/classics-recitation/", 8)
    root = Site.objects.get(is_default_site=True).root_url
    assert page.select_one(".page-qr__url").get_text(strip=True) == root + "/events/classics-recitation/"


def test_every_page_links_to_its_code(client):
    for url, qr in [("/", "/qr/"), ("/events/classics-recitation/", "/qr/"), ("/en/branches/", "/en/qr/")]:
        link = soup_of(client.get(url)).select_one(".site-footer a[href*='qr/?path=']")
        assert link["href"] == f"{qr}?path={url}"
        assert client.get(link["href"]).status_code == 200


@pytest.mark.parametrize(
    "path", ["https://evil.example/", "//evil.example/x", "events/", "", "/\\evil.example", "/" + "a" * 600]
)
def test_codes_are_made_only_for_this_sites_pages(client, path):
    response = client.get("/qr/", {"path": path})
    assert response.status_code == 400
    assert "只能为本站的页面生成二维码" in response.content.decode()
    assert not soup_of(response).select("img.page-qr__code")


def test_an_activity_prints_as_an_a4_poster_with_a_code_to_sign_up(client):
    event = EventPage.objects.get(slug="classics-recitation", locale__language_code="zh-hans")
    response = client.get("/events/classics-recitation/poster/")
    assert response.status_code == 200
    poster = soup_of(response)
    assert poster.h1.get_text(strip=True) == event.title
    with translation.override("zh-hans"):
        assert reader_date(event.start) in poster.get_text()
    code = poster.select_one(".poster__code img")
    assert code["src"] == expected_code("/events/classics-recitation/", 10)
    assert "扫码查看详情并报名" in poster.get_text()
    assert poster.select_one('link[href*="poster"]') and not poster.select("nav")  # print styles, no menus
    english = soup_of(client.get("/en/events/classics-recitation/poster/"))
    assert "Recitation: the four seasons in Tang poems" in english.h1.get_text()
    assert english.select_one(".poster__code img")["src"] == expected_code("/en/events/classics-recitation/", 10)


def test_the_event_page_offers_the_poster(client):
    links = [a["href"] for a in soup_of(client.get("/events/classics-recitation/")).select(".calendar-link a")]
    assert "/events/classics-recitation/poster/" in links
